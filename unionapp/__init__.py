"""unionapp: the desktop register of a primary trade-union organization."""

__version__ = "0.1.0"
