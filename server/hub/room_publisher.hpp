#pragma once
// Turns a room's committed changes into events: each change is rendered once
// per audience, the items of one tick go out as ONE frame per audience
// (shared by every connection of that audience) in seq order, vote and poll
// totals are coalesced to the latest value (taking the seq of their last
// change), and everything published is kept for replay. A client never sees
// a seq lower than one it has already seen.

#include "core/poll.hpp"
#include "core/session_model.hpp"
#include "hub/ephemeral_event.hpp"
#include "hub/hub_metrics.hpp"
#include "hub/replay_buffer.hpp"
#include "hub/subscriber_set.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace veche::hub {

class room_publisher {
public:
    room_publisher(std::string session, std::size_t replay_capacity, core::seq_t restored_seq,
                   std::chrono::milliseconds viewers_interval, hub_metrics& metrics);

    // The room was rebuilt from the store at `seq`: nothing at or before it can be replayed.
    void restored(core::seq_t seq);
    void add_committed(const std::vector<core::change>& changes, core::epoch_ms at);
    // A transcript line still being typed: only its latest text goes out, and it is not replayed.
    void add_partial(const core::transcript_segment& s) { partials_[s.id] = s; }
    void viewers_changed() { viewers_dirty_ = true; }
    bool has_events() const {
        return !pending_.empty() || !vote_totals_.empty() || !poll_totals_.empty() || !partials_.empty();
    }
    bool viewers_pending() const { return viewers_dirty_; }
    // When the viewer count may go out again (at most once per viewers_interval).
    core::epoch_ms viewers_due() const { return viewers_sent_at_ + viewers_interval_.count(); }

    // Renders everything pending and hands the frames to the subscribers.
    // The viewer count goes out at most once per interval; it stays pending otherwise.
    // A subscriber gets no event its snapshot already holds, and nothing
    // before its snapshot (see subscriber).
    void publish(subscriber_set& subs, const core::session_model& model, core::epoch_ms now);

    core::seq_t published_seq() const { return published_seq_; }
    bool can_replay(core::seq_t since) const { return since <= published_seq_ && ring_.covers(since); }
    // Everything after `since` as this subscriber sees it, or null when there is nothing.
    frame replay_frame(core::seq_t since, const subscriber& s) const;
    // An event that is not a stored change, to every subscriber (held for those whose snapshot waits).
    void broadcast(subscriber_set& subs, const ephemeral_event& e);
    // Such events as one frame for one subscriber (what was held for it, the lines being typed), or null.
    frame ephemeral_frame(const std::vector<ephemeral_event>& events, const subscriber& s) const;
    static ephemeral_event partial_event(const core::transcript_segment& s, core::epoch_ms at);

private:
    struct pending_change {
        core::change change;
        core::epoch_ms at;
    };
    // The latest stored seq this subscriber knows of: what its events that are not stored changes carry.
    core::seq_t seq_known_to(const subscriber& s) const { return std::max(published_seq_, s.snapshot_seq); }
    frame render(const ephemeral_event& e, core::seq_t seq) const;
    rendered_item render(const pending_change& p, const core::session_model& model) const;
    rendered_item render_votes(const core::session_model& model) const;
    rendered_item render_poll(const core::poll& p, core::seq_t seq, core::epoch_ms at) const;
    void deliver(const std::vector<rendered_item>& items, const std::optional<ephemeral_event>& viewers,
                 const std::vector<ephemeral_event>& typing, subscriber_set& subs);
    // The frame of one subscriber that cannot share its audience's frame, and how many items it holds.
    std::pair<frame, std::size_t> own_frame(const std::vector<rendered_item>& items, const std::vector<frame>& unstored,
                                            const subscriber& s) const;

    std::string session_;
    std::chrono::milliseconds viewers_interval_;
    hub_metrics& metrics_;
    std::vector<pending_change> pending_;
    std::map<std::string, std::int64_t> vote_totals_;  // question id → latest total
    core::seq_t votes_seq_ = 0;
    core::epoch_ms votes_at_ = 0;
    struct poll_update {
        core::poll after;
        core::seq_t seq;
        core::epoch_ms at;
    };
    std::map<std::string, poll_update> poll_totals_;  // poll id → latest counts after ballots
    std::map<std::string, core::transcript_segment> partials_;
    core::seq_t published_seq_;
    replay_buffer ring_;
    bool viewers_dirty_ = false;
    std::size_t viewers_sent_ = 0;
    core::epoch_ms viewers_sent_at_ = 0;
};

}  // namespace veche::hub
