/**
 * Pictures of a training run: the loss, latent-map and KL-per-dimension plots a run writes beside
 * its checkpoint ({@link vae.report.RunPlots}), and the self-contained HTML report
 * ({@link vae.report.HtmlReport}).
 */
module vae.report {
    requires transitive vae.core;
    requires com.fasterxml.jackson.databind;
    // JFreeChart draws the PNG plots; it is an automatic module (no module descriptor of its own).
    requires org.jfree.jfreechart;
    requires java.desktop;

    exports vae.report;
}
