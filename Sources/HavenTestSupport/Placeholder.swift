enum _PlaceholderHavenTestSupport {}
