/*
 * How to run (not part of the normal build or of the test command):
 *
 *     mvn -B -Pbenchmark -pl smtpeter-war test
 *
 * The `benchmark` profile of smtpeter-war/pom.xml adds src/jmh/java and src/jmh/resources to the
 * test sources, runs JMH's annotation processor, skips the unit and integration tests and then runs
 * RunBenchmarks (a JMH runner in its own JVM, on the test classpath). The result table is printed
 * and written to smtpeter-war/target/benchmarks/feature-pipeline.txt. Add `-am` on a machine where
 * the smtpeter-rar artifacts are not installed yet. Extra JMH options go in -Djmh.args, e.g.
 * -Djmh.args="-f 2 -i 10" or -Djmh.args="allFeatures" to run only the matching benchmarks;
 * -Djmh.args="-h" lists them all.
 *
 * One fork, 3 warmup and 5 measurement iterations of 2 s each, throughput in messages per second:
 * about 2.5 minutes on 2 cores.
 */
package org.smtpeter.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.smtpeter.features.control.AppliedFeatures;
import org.smtpeter.features.control.FeaturePipeline;
import org.smtpeter.platform.control.MailStreams;
import org.smtpeter.features.control.HtmlParts;
import org.smtpeter.features.control.Rewritten;
import org.smtpeter.inlining.control.CssInliner;
import org.smtpeter.tracking.control.ClickTracking;
import org.smtpeter.tracking.control.OpenTracking;
import org.smtpeter.tracking.control.TrackingContext;
import org.smtpeter.tracking.control.TrackingTokens;

/**
 * Messages per second through {@link FeaturePipeline#apply} for one recipient's copy of a
 * generated HTML newsletter ({@link Newsletter}): with every HTML feature on (CSS inlining, click
 * tracking with preventscam, open tracking) for a 10 KB and a 100 KB message, with no feature on
 * (the pipeline returns the message without parsing it), and, for the 100 KB message, each feature
 * alone plus the MIME walk alone (an identity rewrite: parse, decode the HTML part, nothing else).
 *
 * <p>The services are built as their unit tests build them, without a container. Each trial first
 * checks that the message really was rewritten without problems, so a failing step that the
 * pipeline silently skips (it fails open) cannot pass for a fast one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class FeaturePipelineBenchmark {

    static final AppliedFeatures ALL = features(true, true, true, true);
    static final AppliedFeatures NONE = features(false, false, false, false);
    static final AppliedFeatures INLINE_CSS = features(true, false, false, false);
    static final AppliedFeatures CLICK_TRACKING = features(false, true, false, false);
    static final AppliedFeatures OPEN_TRACKING = features(false, false, true, false);

    /** The pipeline, wired as in FeaturePipelineTest, and one recipient's tracking context. */
    @State(Scope.Benchmark)
    public static class Pipeline {
        static {
            MailStreams.useAngusDirectly(); // as the application does at start
        }

        final TrackingTokens tokens = new TrackingTokens("benchmark-secret-0123456789abcdef");
        final HtmlParts htmlParts = new HtmlParts();
        final FeaturePipeline pipeline = new FeaturePipeline(htmlParts, new CssInliner(),
                new ClickTracking(tokens), new OpenTracking(tokens), tokens);
        final TrackingContext context =
                new TrackingContext("https://track.example.com", "Vx3kq9PzM2aBcDeFgHjK", "alice@example.org");
    }

    /** The newsletter of the size under test, 10 KB or 100 KB. */
    @State(Scope.Benchmark)
    public static class Message {
        @Param({"10", "100"})
        int sizeKb;

        byte[] raw;

        @Setup(Level.Trial)
        public void generate(Pipeline pipeline) {
            raw = generateAndCheck(sizeKb, pipeline);
        }
    }

    /** The 100 KB newsletter only, for the cheaper per-feature figures. */
    @State(Scope.Benchmark)
    public static class Message100 {
        byte[] raw;

        @Setup(Level.Trial)
        public void generate(Pipeline pipeline) {
            raw = generateAndCheck(100, pipeline);
            for (AppliedFeatures single : List.of(INLINE_CSS, CLICK_TRACKING, OPEN_TRACKING)) {
                requireRewritten(pipeline.pipeline.apply(raw, single, pipeline.context), single);
            }
        }
    }

    @Benchmark
    public long allFeatures(Pipeline pipeline, Message message) throws IOException {
        return written(pipeline.pipeline.apply(message.raw, ALL, pipeline.context));
    }

    @Benchmark
    public long noFeatures(Pipeline pipeline, Message message) throws IOException {
        return written(pipeline.pipeline.apply(message.raw, NONE, pipeline.context));
    }

    @Benchmark
    public long only100KbInlineCss(Pipeline pipeline, Message100 message) throws IOException {
        return written(pipeline.pipeline.apply(message.raw, INLINE_CSS, pipeline.context));
    }

    @Benchmark
    public long only100KbClickTracking(Pipeline pipeline, Message100 message) throws IOException {
        return written(pipeline.pipeline.apply(message.raw, CLICK_TRACKING, pipeline.context));
    }

    @Benchmark
    public long only100KbOpenTracking(Pipeline pipeline, Message100 message) throws IOException {
        return written(pipeline.pipeline.apply(message.raw, OPEN_TRACKING, pipeline.context));
    }

    /** The MIME part of the work: find the HTML part, decode it, hand it to a rewrite that changes nothing. */
    @Benchmark
    public long only100KbMimeWalk(Pipeline pipeline, Message100 message) throws IOException {
        return written(pipeline.htmlParts.rewrite(message.raw, html -> html));
    }

    /** The copy as the relay sends it: written out piece by piece, as to the next hop. */
    private static long written(Rewritten copy) throws IOException {
        copy.content().writeTo(OutputStream.nullOutputStream());
        return copy.content().size();
    }

    private static AppliedFeatures features(boolean inlineCss, boolean trackClicks, boolean trackOpens,
                                            boolean preventScam) {
        return new AppliedFeatures(inlineCss, trackClicks, trackOpens, true, preventScam, List.of());
    }

    private static byte[] generateAndCheck(int sizeKb, Pipeline pipeline) {
        Newsletter newsletter = Newsletter.ofSize(sizeKb * 1024);
        byte[] raw = newsletter.raw();
        Rewritten all = requireRewritten(pipeline.pipeline.apply(raw, ALL, pipeline.context), ALL);
        Document html = Jsoup.parse(htmlPart(all.message()));
        int clicks = html.select("a[href^=https://track.example.com/t/c/]").size();
        int opens = html.select("img[src^=https://track.example.com/t/o/]").size();
        int inlined = html.select("body [style]").size();
        if (clicks == 0 || opens != newsletter.images() || inlined == 0) {
            throw new IllegalStateException(String.format("the %d KB newsletter was not fully rewritten:"
                    + " %d tracked links, %d of %d images tracked, %d inline styles", sizeKb, clicks, opens,
                    newsletter.images(), inlined));
        }
        if (pipeline.pipeline.apply(raw, NONE, pipeline.context).changed()) {
            throw new IllegalStateException("with no feature on the message should come back as it was");
        }
        System.out.println("# " + sizeKb + " KB newsletter: " + newsletter.describe()
                + String.format("; all features on: %,d bytes out, %d tracked links, %d tracked images,"
                        + " %d elements with inline style", all.message().length, clicks, opens, inlined));
        return raw;
    }

    private static String htmlPart(byte[] message) {
        try {
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
            return (String) ((Multipart) parsed.getContent()).getBodyPart(1).getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("rewritten newsletter cannot be read back", e);
        }
    }

    private static Rewritten requireRewritten(Rewritten rewritten, AppliedFeatures features) {
        if (!rewritten.changed() || rewritten.problem().isPresent()) {
            throw new IllegalStateException("pipeline with " + features.properties() + " did not rewrite cleanly: "
                    + rewritten.problem().orElse("unchanged"));
        }
        return rewritten;
    }
}
