package org.smtpeter.smtp.adapter;

import jakarta.resource.spi.work.Work;

/** Runs a plain task on the container's WorkManager; release() asks it to stop. */
final class RunnableWork implements Work {

    private final Runnable task;
    private final Runnable onRelease;

    RunnableWork(Runnable task, Runnable onRelease) {
        this.task = task;
        this.onRelease = onRelease;
    }

    @Override
    public void run() {
        task.run();
    }

    @Override
    public void release() {
        onRelease.run();
    }
}
