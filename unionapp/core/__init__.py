"""The Qt-free core: models, services, importing and reports. Never imports PySide6."""
