"""Extraction never opens a network connection: every way to open one fails the test."""

import socket

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from rxnews.cli import cli


class NetworkUsed(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_network_guard_works():
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))
    with pytest.raises(NetworkUsed), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))


def test_network_extract_samples_opens_no_socket():
    # In process (--jobs 1), from building the pipeline to writing the records.
    result = CliRunner().invoke(cli, ["extract", str(SAMPLES), "--jobs", "1", "-q", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "LBL-024" in result.stdout


def test_network_extract_pages_opens_no_socket():
    # Pages go through trafilatura and htmldate, which can download: they must not, ever.
    pages = SAMPLES.parent / "tests" / "data" / "pages"
    result = CliRunner().invoke(cli, ["extract", str(pages), "--jobs", "1", "-q", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "VLT-318" in result.stdout
