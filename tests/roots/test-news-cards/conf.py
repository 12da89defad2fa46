extensions = ["sphinx_labnews"]
project = "Cards Lab"
html_baseurl = "https://lab.example.org/en/latest/"
html_theme = "pydata_sphinx_theme"
