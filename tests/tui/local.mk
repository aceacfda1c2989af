# tests/tui/local.mk - screen tests: irdesk in a detached tmux session.
