extensions = ["sphinx_labnews"]
project = "Hostile depth"
html_baseurl = "https://lab.example.org/"
