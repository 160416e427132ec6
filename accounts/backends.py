from axes.backends import AxesStandaloneBackend


class RateLimitBackend(AxesStandaloneBackend):
    """django-axes' rate limiting for every login that comes with a request.

    Every login form (ours and the admin's) passes the request. Only code that authenticates
    without one (Django's test client `login()`) has nothing to rate limit; instead of failing
    it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
