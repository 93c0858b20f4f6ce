module whoami-baseline

go 1.19
