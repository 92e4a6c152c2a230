# spdep reference for the `samverkan analyze` CLI test: Malmö's 136
# delområden (../shared/data/boundaries, SWEREF 99 TM) with value
# log(area), queen contiguity as poly2nb, file order kept.
# Run from the project root: Rscript tests/data/analysis/make_malmo_reference.R
suppressMessages({library(sf); library(spdep)})
options(digits = 17)
k <- st_read("../shared/data/boundaries/malmo_delomraden_sweref99tm.geojson", quiet = TRUE)
x <- log(k$area)
nb <- poly2nb(k, queen = TRUE)
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
mt <- moran.test(x, lw, zero.policy = TRUE)
lm <- localmoran(x, lw, zero.policy = TRUE)
G <- localG(x, nb2listw(include.self(nb), style = "B", zero.policy = TRUE), zero.policy = TRUE)
res <- data.frame(id = as.integer(k$do_kod), value = x, card = card(nb), Ii = lm[, 1],
                  Z_Ii = lm[, 4], Gi_star_z = as.numeric(G))
write.csv(res, "tests/data/analysis/malmo_log_area_spdep.csv", row.names = FALSE)
cat(sprintf("%.17g,%.17g,%.17g,%d\n", mt$estimate[1], mt$estimate[3], mt$statistic,
            sum(card(nb))), file = "tests/data/analysis/malmo_log_area_moran.csv")
