"""One article shown in JupyterLab or as a page: what to show, how to mark it up, the templates."""
