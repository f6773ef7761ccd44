package dev.scalingadvisor.alerting.slack;

import java.net.URI;
import java.util.Optional;

/**
 * Text as Slack's mrkdwn needs it: {@code &}, {@code <} and {@code >} escaped, links in {@code <url|label>}
 * form, and anything too long cut with an ellipsis at a place that leaves the markup whole.
 */
final class SlackText {

    static final String ELLIPSIS = "…";

    /** Longer links are left out rather than risk a section that Slack rejects or cuts mid-link. */
    static final int MAX_LINK_LENGTH = 1500;

    private SlackText() {}

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code <url|label>}, or nothing when the URL is too long or would break the link syntax. */
    static Optional<String> link(URI url, String label) {
        String target = url.toASCIIString();
        if (target.length() > MAX_LINK_LENGTH || target.contains("|") || target.contains(">") || target.contains("<")) {
            return Optional.empty();
        }
        return Optional.of("<" + target + "|" + escape(label) + ">");
    }

    /**
     * Plain text cut to at most {@code max} UTF-16 units (Slack's counts are never larger), ending in an
     * ellipsis when cut; never splits a surrogate pair, so an emoji is either whole or gone.
     */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(end, 0)) + ELLIPSIS;
    }

    /**
     * Like {@link #truncate} for mrkdwn: the cut backs off to before an entity ({@code &amp;}) or a link
     * ({@code <url|label>}) it would split, so what remains still renders.
     */
    static String truncateMrkdwn(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String cut = truncate(text, max);
        String kept = cut.substring(0, cut.length() - ELLIPSIS.length());
        int openLink = kept.lastIndexOf('<');
        if (openLink >= 0 && kept.indexOf('>', openLink) < 0) {
            kept = kept.substring(0, openLink);
        }
        int openEntity = kept.lastIndexOf('&');
        if (openEntity >= 0 && kept.indexOf(';', openEntity) < 0) {
            kept = kept.substring(0, openEntity);
        }
        // A cut inside *bold* leaves a stray asterisk that Slack shows as is: harmless, so no more backing off.
        return kept + ELLIPSIS;
    }
}
