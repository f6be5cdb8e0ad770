package org.smtpeter.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link FeaturePipelineBenchmark} (see there for how to start it) and writes JMH's result
 * table to the file named by {@code -Dbenchmark.result}, default
 * {@code target/benchmarks/feature-pipeline.txt}. Arguments are ordinary JMH command-line options
 * and override the annotations; a benchmark pattern among them replaces the default selection.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        if (commandLine.shouldHelp() || commandLine.shouldList() || commandLine.shouldListWithParams()
                || commandLine.shouldListProfilers() || commandLine.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine).shouldFailOnError(true);
        if (commandLine.getIncludes().isEmpty()) {
            options.include(FeaturePipelineBenchmark.class.getName());
        }
        if (commandLine.getResult().hasValue()) {
            Files.createDirectories(Path.of(commandLine.getResult().get()).toAbsolutePath().getParent());
        } else {
            Path result = Path.of(System.getProperty("benchmark.result", "target/benchmarks/feature-pipeline.txt"));
            Files.createDirectories(result.toAbsolutePath().getParent());
            options.result(result.toString());
        }
        if (!commandLine.getResultFormat().hasValue()) {
            options.resultFormat(ResultFormatType.TEXT);
        }
        new Runner(options.build()).run();
    }
}
