# An ablog site as many are set up (after ablog's own docs and sunpy's blog):
# reStructuredText posts found by blog_post_pattern, alabaster, Font Awesome included.
extensions = ["ablog"]
project = "An rst blog"
html_theme = "alabaster"
html_baseurl = "https://rst.example.org/"
blog_baseurl = "https://rst.example.org/"
blog_title = "An rst blog"
blog_post_pattern = "posts/*.rst"
blog_feed_archives = True
fontawesome_included = True
html_sidebars = {"**": ["ablog/postcard.html", "ablog/recentposts.html", "ablog/archives.html"]}
exclude_patterns = ["_build"]
