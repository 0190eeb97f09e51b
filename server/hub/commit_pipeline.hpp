#pragma once
// The way from a room to the disk and back, in order. What a room changed,
// the requests that changed it and the answers to them wait here; a flush
// (posted, so commands already queued on the strand join it) appends them
// to the store as one batch; when the store reports the batch committed,
// the room publishes its changes and the answers go out. An answer never
// overtakes anything that is not durable yet: while something is, answers
// queue behind it; otherwise they go out at once.

#include "core/session_model.hpp"
#include "hub/client_link.hpp"
#include "store/event_store.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace veche::hub {

enum class reply_kind {
    answer,      // an ack or error: it may go ahead of events waiting on the connection
    snapshot,    // after everything sent to the connection before it
    subscribed,  // ends a snapshot: the subscriber's events start after it
};

struct reply {
    // Held until the batch is durable: an HTTP request's link has no other owner.
    std::shared_ptr<client_link> to;
    frame message;
    reply_kind kind = reply_kind::answer;
};

class commit_pipeline {
public:
    using strand = boost::asio::strand<boost::asio::io_context::executor_type>;
    struct hooks {
        std::function<std::shared_ptr<void>()> owner;                 // kept alive while work is under way
        std::function<void(const store::write_batch&)> committed;     // the batch is durable: publish it
        std::function<void(const reply&)> send_ordered;               // sends a snapshot or "subscribed"
        std::function<void(const std::string& session)> store_failed;  // nothing of a batch could be stored
    };

    // A burst of commands queued on the strand is cut into batches of at most this many changes and
    // answers, at a command's end: no batch outgrows what a store takes in one piece (a NATS message
    // is at most 1 MiB; a vote costs some 300 bytes there, a long question 2 KB).
    static constexpr std::size_t max_batch_items = 512;

    commit_pipeline(strand& on, store::event_store& store, const core::session_model& model, hooks h);

    void add(std::vector<core::change>&& changes);
    // The audit trail's entries of the changes added with them: stored in the same transaction.
    void add(std::vector<core::audit_entry>&& entries);
    void add(store::stored_request&& request);
    void add_reaction_totals(const std::map<std::string, std::int64_t>& grown);
    // A participant who took part, from a region: stored with the next batch,
    // or on its own without holding any answer up.
    void add_attendee(std::string participant, std::string region);
    // True while something is not durable yet: an answer queued now waits for it.
    bool waiting() const;
    // The last call for a command: its answer (queued behind what is not durable yet).
    void send(reply r);

private:
    struct in_flight {
        std::shared_ptr<const store::write_batch> batch;
        std::vector<reply> replies;
    };
    bool next_batch_has_work() const;
    void schedule_flush();
    void flush();
    void committed(const in_flight& done, bool ok);
    void send_now(const std::vector<reply>& replies);

    strand& strand_;
    store::event_store& store_;
    const core::session_model& model_;
    hooks hooks_;
    std::vector<core::change> changes_;
    std::vector<core::audit_entry> audit_;
    std::vector<store::stored_request> requests_;
    std::map<std::string, std::int64_t> reaction_totals_;
    std::vector<std::pair<std::string, std::string>> attendees_;
    std::vector<reply> replies_;
    bool flush_posted_ = false;  // a flush is posted (a batch cut short by size leaves it posted)
    std::size_t in_flight_ = 0;
};

}  // namespace veche::hub
