#pragma once
// One forum session, on its own strand: every change to the session happens
// here, in order, without locks. A command is applied to the model at once
// (so the next command sees it); its changes and its answer go through the
// commit pipeline, so an ack always means "on disk" and events go out in
// disk order; the publish pacer decides when the publisher sends them.

#include "core/attendance.hpp"
#include "core/client_message.hpp"
#include "core/session_model.hpp"
#include "hub/client_link.hpp"
#include "hub/commit_pipeline.hpp"
#include "hub/held_answers.hpp"
#include "hub/hub_metrics.hpp"
#include "hub/publish_pacer.hpp"
#include "hub/reaction_counter.hpp"
#include "hub/request_log.hpp"
#include "hub/room_publisher.hpp"
#include "hub/room_settings.hpp"
#include "hub/subscriber_set.hpp"
#include "store/event_store.hpp"
#include "store/stored_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace veche::hub {

// Called when the store could not keep a batch: the model holds changes that
// are not on disk, so nothing more may be acknowledged (the owner stops the server).
using store_failure_handler = std::function<void(const std::string& session)>;

class room : public std::enable_shared_from_this<room> {
public:
    // backlog: frames queued on every connection and not yet written (see hub).
    room(boost::asio::io_context& ioc, const core::session_definition& def, const room_settings& settings,
         store::event_store& store, hub_metrics& metrics, store_failure_handler on_store_failure,
         std::shared_ptr<const std::atomic<std::int64_t>> backlog = nullptr);

    // Rebuilds the session from what the store kept; before anything else runs.
    void restore(const store::stored_session& stored);
    // A session the store holds nothing of asks its seed questions (the
    // config's); after restore, before anything else runs. How many it asked.
    std::size_t plant_seeds();

    const std::string& id() const { return model_.definition().id; }
    const std::string& hall() const { return model_.definition().hall; }
    // The committed status, for the HTTP API; safe from any thread.
    core::session_status status() const;
    // How many request ids the room remembers (for the start-up log, before it serves).
    std::size_t remembered_requests() const { return requests_.size(); }

    // The rest are safe from any thread: they run on the room's strand.
    void subscribe(std::shared_ptr<client_link> link, std::optional<std::string> rid, std::optional<core::seq_t> since);
    void unsubscribe(std::shared_ptr<client_link> link, std::optional<std::string> rid);
    void drop(std::shared_ptr<client_link> link);  // the connection closed
    void execute(std::shared_ptr<client_link> link, core::client_message msg);
    // The hall's video went live, to the slate or offline: everyone subscribed hears of it.
    void stream_changed(std::string status);
    // The questions `who` may see, in queue order, as `question` objects.
    void visible_questions(core::identity who, std::function<void(nlohmann::json)> done);
    // Every question (moderators' export).
    void all_questions(std::function<void(std::vector<core::question>)> done);
    // The regional picture (contract 7.1): who took part and asked, from where.
    void stats(std::function<void(nlohmann::json)> done);
    // Every final transcript line, by start time.
    void transcript(std::function<void(std::vector<core::transcript_segment>)> done);

    // --- in a cluster (room_cluster.cpp) ---
    // A batch the log holds, in log order: applied unless this node sequenced it (its seq is then applied).
    void replicate(std::shared_ptr<const store::write_batch> batch);
    // This node sequences the session from now on: started() runs on the strand after every batch replicated
    // before it (so the relay says so from the next command on); a session the log holds nothing of then asks
    // its seed questions.
    void take_over(std::function<void()> started);

private:
    void handle(const std::shared_ptr<client_link>& link, const core::client_message& msg);
    void react(const core::identity& who, core::reaction_kind kind);
    void answer_similar(const std::shared_ptr<client_link>& link, const core::client_message& msg);
    void count_moderation(const core::client_payload& payload);
    void close_reaction_window();
    void send_snapshot(subscriber& s);
    void send_ordered(const reply& r);
    void committed(const store::write_batch& batch);
    void note_attendee(const core::identity& who);
    // In a cluster: a command this node may not apply now is forwarded or refused (true), else false.
    bool relayed(const std::shared_ptr<client_link>& link, const core::client_message& msg);

    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer reaction_timer_;
    hub_metrics& metrics_;
    core::session_model model_;
    room_settings settings_;
    subscriber_set subscribers_;
    request_log requests_;
    room_publisher publisher_;
    commit_pipeline pipeline_;
    publish_pacer pacer_;
    reaction_counter reactions_;
    core::attendance attendance_;
    held_answers held_;
    bool reaction_window_open_ = false;
    std::string stream_status_ = "offline";

    mutable std::mutex status_mutex_;
    core::session_status committed_status_;
};

}  // namespace veche::hub
