extensions = ["sphinx_labnews"]
project = "Hostile MyST config"
html_baseurl = "https://lab.example.org/"
# the site itself uses substitutions: posts still must not get them
myst_enable_extensions = ["substitution"]
myst_substitutions = {"lab": "Smart Lab"}

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
