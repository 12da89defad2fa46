extensions = ["sphinx_labnews"]
labnews_site_defaults = True
project = "Cards Lab"
html_baseurl = "https://lab.example.org/en/latest/"
html_theme = "pydata_sphinx_theme"
