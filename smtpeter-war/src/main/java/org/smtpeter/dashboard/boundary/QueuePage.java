package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.users.boundary.Viewer;
import org.smtpeter.dashboard.control.Slice;
import org.smtpeter.delivery.control.DeliveryLog;
import org.smtpeter.delivery.control.DeliveryQueue;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.delivery.entity.DeliveryState;

/**
 * Backs {@code dashboard/queue.xhtml}: deliveries still waiting, deferred ones first of all, with
 * the last reply of the next hop; each can be retried now or cancelled.
 */
@Named
@ViewScoped
public class QueuePage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The states an operator can act on; deferred is what the page is for. */
    static final List<DeliveryState> WAITING = List.of(DeliveryState.DEFERRED, DeliveryState.QUEUED);

    @Inject
    Viewer viewer;

    @Inject
    DeliveryLog log;

    @Inject
    DeliveryQueue queue;

    private String state = "deferred";
    private int page = 1;
    // Read again after every change; transient because entities do not travel with a serialized session.
    private transient Slice<Delivery> slice;

    public Slice<Delivery> getSlice() {
        if (slice == null) {
            int number = Math.max(page, 1);
            slice = Slice.of(log.deliveries(new DeliveryLog.Filter(null, null, null, null, viewer.scope(null)), waitingState(),
                    Slice.offset(number), Slice.fetchSize()), number);
        }
        return slice;
    }

    public void retry(Delivery delivery) {
        String recipient = delivery.getRecipient();
        if (!shown(delivery)) {
            Notices.error("No such delivery.");
        } else if (queue.retryNow(delivery.getId()).isPresent()) {
            Notices.info("Retrying the delivery to " + recipient + " now.");
        } else {
            Notices.error("The delivery to " + recipient + " is no longer waiting; nothing was changed.");
        }
        slice = null;
    }

    public void cancel(Delivery delivery) {
        String recipient = delivery.getRecipient();
        if (!shown(delivery)) {
            Notices.error("No such delivery.");
        } else if (queue.cancel(delivery.getId()).isPresent()) {
            Notices.info("Cancelled the delivery to " + recipient + ".");
        } else {
            Notices.error("The delivery to " + recipient + " is no longer waiting; nothing was changed.");
        }
        slice = null;
    }

    /** Acts only on deliveries of the page, that is of the viewer's account for an account's people. */
    private boolean shown(Delivery delivery) {
        return getSlice().items().stream().anyMatch(d -> d.getId().equals(delivery.getId()));
    }

    public List<String> getStates() {
        return WAITING.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The state in the URL if it is one of {@link #WAITING}, else deferred. */
    private DeliveryState waitingState() {
        return WAITING.stream().filter(s -> s.name().equalsIgnoreCase(state)).findFirst().orElse(DeliveryState.DEFERRED);
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = page;
    }
}
