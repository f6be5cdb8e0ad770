package org.smtpeter.dashboard.boundary;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.dashboard.control.Slice;
import org.smtpeter.dashboard.control.UtcTimes;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.messagelog.control.MessageLog;
import org.smtpeter.messagelog.control.MessageSearch;
import org.smtpeter.messages.control.TagFilter;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;

/**
 * Backs {@code dashboard/messages.xhtml}: the message log, searched and paged. Searching changes
 * nothing, so the form is a plain GET and every result page has a URL that can be bookmarked.
 */
@Named
@RequestScoped
public class MessagesPage extends AccountScopedPage {

    @Inject
    MessageLog log;

    private String sender;
    private String recipient;
    private String subject;
    private String messageId;
    private String from;
    private String to;
    private String status;
    private String tag;
    private int page = 1;
    private Slice<Message> slice = Slice.of(List.of(), 1);
    private long total;

    /** Runs before rendering (f:viewAction), with the view parameters set. */
    public void search() {
        MessageSearch search;
        try {
            search = new MessageSearch(scoped(), sender, recipient, subject, messageId,
                    UtcTimes.parse(from).orElse(null), UtcTimes.parse(to).orElse(null), status,
                    TagFilter.of(tag == null ? List.of() : List.of(tag)));
        } catch (IllegalArgumentException e) {
            Notices.error(e.getMessage());
            return;
        }
        page = Math.max(page, 1);
        slice = Slice.of(log.search(search, Slice.offset(page), Slice.fetchSize()), page);
        total = log.count(search);
    }

    public String recipients(Message message) {
        return message.getRecipients().stream().map(EnvelopeRecipient::getAddress).collect(Collectors.joining(", "));
    }


    public List<String> getStatuses() {
        return Arrays.stream(DeliveryState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
    }

    public Slice<Message> getSlice() {
        return slice;
    }

    public long getTotal() {
        return total;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    /** Tags separated by commas: messages with any of them. */
    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = page;
    }
}
