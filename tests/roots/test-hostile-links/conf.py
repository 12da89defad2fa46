extensions = ["sphinx_labnews"]
project = "Hostile links"
html_baseurl = "https://lab.example.org/"
