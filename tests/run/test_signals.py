"""Stopping a run: SIGTERM and SIGHUP become `Stopped`; every stop signal is held while a record
is written."""

import os
import signal

import pytest

from rxnews.run.signals import Stopped, held_signals, signal_number, stop_on_signals


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signals_stop_on_signals_raises_stopped(signum):
    with pytest.raises(Stopped) as info, stop_on_signals():
        os.kill(os.getpid(), signum)
    assert isinstance(info.value, KeyboardInterrupt)  # kept as Ctrl-C keeps them
    assert signal_number(info.value) == signum and str(info.value) == signal.Signals(signum).name
    assert signal.getsignal(signum) is signal.SIG_DFL  # put back


def test_signals_ctrl_c_is_a_keyboard_interrupt_of_sigint():
    assert signal_number(KeyboardInterrupt()) == signal.SIGINT


def test_signals_stop_on_signals_keeps_a_hangup_that_is_ignored():
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        with stop_on_signals():
            os.kill(os.getpid(), signal.SIGHUP)
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


@pytest.mark.parametrize("signum, raised", [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, Stopped),
                                            (signal.SIGHUP, Stopped)])
def test_signals_held_until_the_record_is_written(signum, raised):
    steps = []
    with pytest.raises(raised), stop_on_signals(), held_signals():
        os.kill(os.getpid(), signum)
        steps.append("finished the record")
    assert steps == ["finished the record"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
