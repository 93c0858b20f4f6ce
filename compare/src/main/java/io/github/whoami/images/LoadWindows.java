package io.github.whoami.images;

/**
 * {@code seconds} of load on a URL in windows of about {@link #WINDOW_SECONDS}, each followed by a window
 * as long on the Go server if it runs beside. A VM's share of the CPU drifts by more than the rates differ;
 * windows side by side share the drift, so their ratio holds where rates measured minutes apart do not.
 * The rates are the windows' means (equal windows: all requests over all the time); without a Go server
 * the Go rate is the image's own. A rate is null when any of its windows printed none: wrk got no answer.
 *
 * @param failedOutput wrk's reports of the image's windows that failed
 */
record LoadWindows(Double requestsPerSecond, Double baselineRequestsPerSecond, long errors, long goErrors,
                   String failedOutput) {

    /** About how long each load window lasts: long enough for wrk's rate, short next to the VM's drifts. */
    static final int WINDOW_SECONDS = 5;

    static LoadWindows run(String url, String goUrl, int seconds, int connections) throws InterruptedException {
        int count = Math.max(1, seconds / WINDOW_SECONDS);
        int windowSeconds = seconds / count;
        Double rate = 0.0;
        Double goRate = 0.0;
        long errors = 0;
        long goErrors = 0;
        StringBuilder failed = new StringBuilder();
        for (int window = 0; window < count; window++) {
            Wrk wrk = Wrk.run(LoadStep.WRK_THREADS, connections, windowSeconds, url);
            rate = plus(rate, rate(wrk));
            errors += wrk.errors();
            if (rate(wrk) == null || wrk.errors() > 0) {
                failed.append(wrk.output());
            }
            if (goUrl != null) {
                Wrk go = Wrk.run(LoadStep.WRK_THREADS, connections, windowSeconds, goUrl);
                goRate = plus(goRate, rate(go));
                goErrors += go.errors();
            }
        }
        Double mean = rate == null ? null : rate / count;
        return new LoadWindows(mean, goUrl == null ? mean : goRate == null ? null : goRate / count, errors, goErrors,
                failed.toString());
    }

    private static Double plus(Double sum, Double rate) {
        return sum == null || rate == null ? null : sum + rate;
    }

    /** wrk's requests/s, or null where it printed none. */
    static Double rate(Wrk wrk) {
        return wrk.rated() ? wrk.requestsPerSecond() : null;
    }
}
