# Peer side of bench/run-kernels.sh: R spdep 1.2-7 and spatstat 3.0-3 on
# the same inputs as bench_kernels.c. Usage:
#   Rscript peers.R gistar DIR N REPS | lmoran DIR N NSIM REPS | kde DIR M REPS
# Prints the median elapsed milliseconds; writes DIR/peer_*.csv.
suppressMessages({library(spdep); library(spatstat)})
a <- commandArgs(trailingOnly = TRUE)
mode <- a[1]; dir <- a[2]
side <- 10000
med <- function(f, reps) { t <- replicate(reps, system.time(f())[["elapsed"]]); median(t) * 1000 }
if (mode == "gistar") {
  N <- as.integer(a[3]); reps <- as.integer(a[4])
  g <- read.csv(file.path(dir, sprintf("grid%d.csv", N)))
  xy <- cbind(g$x, g$y); cell <- side / N
  z <- NULL
  ms <- med(function() {
    nb <- include.self(dnearneigh(xy, 0, 1.5 * cell))
    z <<- as.numeric(localG(g$count, nb2listw(nb, style = "B")))
  }, reps)
  write.csv(data.frame(v = z), file.path(dir, sprintf("peer_gistar%d.csv", N)), row.names = FALSE)
} else if (mode == "lmoran") {
  N <- as.integer(a[3]); nsim <- as.integer(a[4]); reps <- as.integer(a[5])
  g <- read.csv(file.path(dir, sprintf("grid%d.csv", N)))
  xy <- cbind(g$x, g$y); cell <- side / N
  r <- NULL
  ms <- med(function() {
    lw <- nb2listw(dnearneigh(xy, 0, 1.415 * cell), style = "W")
    r <<- localmoran_perm(g$count, lw, nsim = nsim, iseed = 1)
  }, reps)
  write.csv(data.frame(v = r[, 1]), file.path(dir, "peer_lmoran_Ii.csv"), row.names = FALSE)
} else if (mode == "kde") {
  M <- as.integer(a[3]); reps <- as.integer(a[4])
  p <- read.csv(file.path(dir, "pts_1m.csv"))
  X <- ppp(p$x, p$y, window = owin(c(0, side), c(0, side)), check = FALSE)
  d <- NULL
  ms <- med(function() {
    d <<- density.ppp(X, sigma = 100, kernel = "gaussian", edge = FALSE, dimyx = c(M, M))
  }, reps)
  write.csv(data.frame(v = as.vector(t(d$v))), file.path(dir, "peer_kde.csv"), row.names = FALSE)
}
cat(sprintf("%.3f\n", ms))
