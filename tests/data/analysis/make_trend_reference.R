# Reference values for test_analysis_trend from base R (stats):
# poisson.test for rate ratios (exact conditional binomial test), and
# cor.test(method = "kendall", exact = FALSE, continuity = TRUE) against
# time, which is the Mann-Kendall test with the tie-corrected variance.
# Gini is computed from its definition (ineq::Gini without correction).
# Run: Rscript make_trend_reference.R > trend_reference.json
suppressMessages(library(jsonlite))
rr <- list(c(30, 12, 1, 1), c(5, 0, 1, 1), c(0, 7, 1, 1), c(120, 100, 7, 7),
           c(17, 40, 30, 92), c(3, 3, 1, 2), c(1000, 1100, 52, 52), c(1, 1, 1, 1))
rate <- lapply(rr, function(v) {
  t <- poisson.test(c(v[1], v[2]), c(v[3], v[4]))
  list(c1 = v[1], c0 = v[2], t1 = v[3], t0 = v[4], ratio = unname(t$estimate),
       p = t$p.value)
})
series <- list(c(5, 7, 6, 9, 12, 11, 15, 14, 18, 21),
               c(3, 3, 3, 4, 4, 2, 2, 2, 5, 5, 5, 5, 1, 1, 6),
               c(40, 38, 39, 35, 30, 31, 28, 28, 25, 20, 22, 19),
               c(1, 2, 1, 2, 1, 2, 1, 2))
mk <- lapply(series, function(x) {
  ct <- suppressWarnings(cor.test(x, seq_along(x), method = "kendall",
                                  exact = FALSE, continuity = TRUE))
  n <- length(x); S <- 0
  for (i in 1:(n - 1)) for (j in (i + 1):n) S <- S + sign(x[j] - x[i])
  list(x = x, S = S, z = unname(ct$statistic), p = ct$p.value, tau = unname(ct$estimate))
})
gini <- function(x) { x <- sort(x); n <- length(x); sum((2 * seq_len(n) - n - 1) * x) / (n * sum(x)) }
conc <- list(c(0, 0, 1, 2, 3, 50, 4, 0, 1, 9, 0, 0, 2, 3, 1, 0, 0, 5, 7, 1),
             rep(4, 30), c(100, rep(0, 99)))
cc <- lapply(conc, function(x) {
  k <- ceiling(0.05 * length(x))
  list(x = x, top5_share = sum(sort(x, decreasing = TRUE)[1:k]) / sum(x), gini = gini(x))
})
cat(toJSON(list(rate_ratio = rate, mann_kendall = mk, concentration = cc,
                R = R.version.string), auto_unbox = TRUE, digits = NA, pretty = TRUE))
