extensions = ["sphinx_labnews"]
project = "Ordering Lab"
html_baseurl = "https://lab.example.org/"
# the post's own card and the recent-news fragment, as the news site shows them
html_sidebars = {"news/**": ["ablog/postcard.html", "labnews/recent-news.html"]}

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
# three posts a page, so All news has pages an edit must leave alone: the newest
# four posts (news.html), then news/page/2 and news/page/1, the oldest three
labnews_archive_page_size = 3
