error: --prometheus-port 19555: cannot serve metrics on http://127.0.0.1:19555/metrics (Address already in use); pick a free port
