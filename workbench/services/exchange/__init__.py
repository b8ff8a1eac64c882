"""Exchange with other tools and colleagues: REFI-QDA (.qdpx/.qde/.qdc), W3C Web Annotation, Hypothesis, merge."""
