#pragma once
// One forum session, on its own strand: every change to the session happens
// here, in order, without locks. A command is applied to the model at once
// (so the next command sees it), its changes wait in a batch that goes to the
// store, and only when the store reports the batch durable are the acks sent
// and the events published. So an ack always means "on disk", and events go
// out in disk order.

#include "core/client_message.hpp"
#include "core/session_model.hpp"
#include "hub/client_link.hpp"
#include "hub/hub_metrics.hpp"
#include "hub/reaction_counter.hpp"
#include "hub/request_log.hpp"
#include "hub/room_publisher.hpp"
#include "hub/subscriber_set.hpp"
#include "store/event_store.hpp"
#include "store/stored_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <functional>
#include <memory>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>

namespace veche::hub {

struct room_settings {
    core::session_limits limits;
    std::size_t replay_events = 4096;
    // How long a tick may wait for the sockets to drain before it publishes anyway.
    std::chrono::milliseconds max_publish_delay{200};
};

class room : public std::enable_shared_from_this<room> {
public:
    // backlog: frames queued on every connection and not yet written (see
    // hub); without one the room publishes on its tick alone.
    room(boost::asio::io_context& ioc, const core::session_definition& def, const room_settings& settings,
         store::event_store& store, hub_metrics& metrics,
         std::shared_ptr<const std::atomic<std::int64_t>> backlog = nullptr);

    // Rebuilds the session from what the store kept; before anything else runs.
    void restore(const store::stored_session& stored);

    const std::string& id() const { return model_.definition().id; }
    // The committed status, for the HTTP API; safe from any thread.
    core::session_status status() const;

    // The rest are safe from any thread: they run on the room's strand.
    void subscribe(std::shared_ptr<client_link> link, std::optional<std::string> rid, std::optional<core::seq_t> since);
    void unsubscribe(std::shared_ptr<client_link> link, std::optional<std::string> rid);
    void drop(std::shared_ptr<client_link> link);  // the connection closed
    void execute(std::shared_ptr<client_link> link, core::client_message msg);
    // The questions `who` may see, in queue order, as the contract's objects.
    void visible_questions(core::identity who, std::function<void(nlohmann::json)> done);
    // Every question (moderators' export).
    void all_questions(std::function<void(std::vector<core::question>)> done);
    // The hall's video went live, to the slate or offline: everyone subscribed hears of it.
    void stream_changed(std::string status);
    const std::string& hall() const { return model_.definition().hall; }
    // Every final transcript line, by start time.
    void transcript(std::function<void(std::vector<core::transcript_segment>)> done);

private:
    enum class reply_kind {
        answer,      // an ack or error: it may go ahead of events waiting on the connection
        snapshot,    // after everything sent to the connection before it
        subscribed,  // ends a snapshot: the subscriber's events start after it
    };
    struct reply {
        // Held until the batch is durable: an HTTP request's link has no other owner.
        std::shared_ptr<client_link> to;
        frame message;
        reply_kind kind;
    };
    struct in_flight {
        std::shared_ptr<const store::write_batch> batch;
        std::vector<reply> replies;
    };

    void handle(const std::shared_ptr<client_link>& link, core::client_message& msg);
    void react(const core::identity& who, std::size_t kind);
    void close_reaction_window();
    void send_snapshot(subscriber& s);
    // True when the next batch would carry something (changes, requests, replies, reaction totals).
    bool next_batch_has_work() const;
    // True while something is not durable yet: a reply queued now waits for it.
    bool replies_wait() const;
    // Sends once everything before it is durable.
    void queue_reply(const std::shared_ptr<client_link>& link, frame message, reply_kind kind = reply_kind::answer);
    void send_reply(const reply& r);
    void schedule_flush();
    void flush();
    void committed(const in_flight& done, bool ok);
    void send_replies(const std::vector<reply>& replies);
    void schedule_publish();
    void arm_publish(std::chrono::steady_clock::time_point at);
    void publish_now();

    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer publish_timer_;
    boost::asio::steady_timer reaction_timer_;
    store::event_store& store_;
    hub_metrics& metrics_;
    core::session_model model_;
    room_settings settings_;
    subscriber_set subscribers_;
    request_log requests_;
    std::unique_ptr<room_publisher> publisher_;
    reaction_counter reactions_;
    bool reaction_window_open_ = false;
    std::map<std::string, std::int64_t> pending_reaction_totals_;
    std::string stream_status_ = "offline";

    std::vector<core::change> pending_changes_;
    std::vector<store::stored_request> pending_requests_;
    std::vector<reply> pending_replies_;
    bool flush_posted_ = false;
    std::size_t in_flight_ = 0;
    bool publish_armed_ = false;
    std::chrono::steady_clock::time_point armed_for_{};
    std::uint64_t publish_generation_ = 0;
    std::chrono::steady_clock::time_point last_publish_{};
    std::chrono::steady_clock::time_point events_since_{};  // when the oldest unpublished event arrived
    std::shared_ptr<const std::atomic<std::int64_t>> backlog_;

    mutable std::mutex status_mutex_;
    core::session_status committed_status_;
};

}  // namespace veche::hub
