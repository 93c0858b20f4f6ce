package io.github.whoami.images;

import static io.github.whoami.images.Figures.mb;
import static io.github.whoami.images.Figures.seconds;
import static io.github.whoami.images.Figures.times;

import java.util.function.Function;

/**
 * chart.svg: three groups of horizontal bars, one bar per variant: image size (MB), median start-up (s),
 * and what a node pulls after a one-line source edit (MB; none for the Go baseline, not rebuilt). A figure
 * not measured gets the shortest bar and "—".
 */
final class SvgChart {

    private static final int BAR_HEIGHT = 22;
    private static final int LABEL_WIDTH = 110;
    private static final int CHART_WIDTH = 420;

    private final Report report;
    private final StringBuilder svg = new StringBuilder();

    SvgChart(Report report) {
        this.report = report;
    }

    String render() {
        int groupHeight = report.measurements().size() * (BAR_HEIGHT + 6) + 34;
        int height = 3 * groupHeight + 20;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(LABEL_WIDTH + CHART_WIDTH + 200)
                .append("\" height=\"").append(height).append("\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        group(10, "Image size (MB, the layers uncompressed)", m -> m.contents().size() / 1e6,
                m -> mb(m.contents().size()) + ratioLabel(m, report.baselineRatio(m, Report::size)));
        group(10 + groupHeight, "docker run to first 200 on /whoami (s, median)",
                m -> m.medianStartupMillis() == null ? 0 : m.medianStartupMillis() / 1000.0,
                m -> seconds(m.medianStartupMillis()) + ratioLabel(m, m.startupTimesBaseline()));
        group(10 + 2 * groupHeight, "Pulled by a node that has the image, after a one-line source edit",
                m -> m.distribution().updateBytes() == null ? 0 : m.distribution().updateBytes() / 1e6, report::update);
        return svg.append("</svg>\n").toString();
    }

    private void group(int top, String title, Function<Measurement, Double> value, Function<Measurement, String> label) {
        double max = report.measurements().stream().mapToDouble(value::apply).max().orElse(1);
        max = max > 0 ? max : 1;
        svg.append("<text x=\"10\" y=\"").append(top + 14).append("\" font-weight=\"bold\">").append(title)
                .append("</text>\n");
        int y = top + 24;
        for (Measurement m : report.measurements()) {
            int width = (int) Math.max(1, Math.round(CHART_WIDTH * value.apply(m) / max));
            svg.append("<text x=\"10\" y=\"").append(y + 16).append("\">").append(m.variant()).append("</text>\n");
            svg.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"#2a7ab0\"/>\n");
            svg.append("<text x=\"").append(LABEL_WIDTH + width + 6).append("\" y=\"").append(y + 16).append("\">")
                    .append(label.apply(m)).append("</text>\n");
            y += BAR_HEIGHT + 6;
        }
    }

    /** ", 7.5x go" beside a bar, where the report has a baseline and this is not it. */
    private String ratioLabel(Measurement m, double ratio) {
        return report.isBaseline(m) || ratio < 0 ? "" : ", " + times(ratio) + " go";
    }
}
