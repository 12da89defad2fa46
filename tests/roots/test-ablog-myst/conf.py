# An ablog site with MyST posts marked ``blogpost: true``, each with its own H1,
# in news/ (where labnews' site defaults look for news posts).
extensions = ["myst_parser", "ablog"]
project = "A MyST blog"
html_theme = "alabaster"
html_baseurl = "https://myst.example.org/"
blog_baseurl = "https://myst.example.org/"
blog_path = "news"
blog_feed_archives = True
exclude_patterns = ["_build"]
