extensions = ["sphinx_labnews"]
project = "Minimal Lab"
html_baseurl = "https://conf.example.org/"
