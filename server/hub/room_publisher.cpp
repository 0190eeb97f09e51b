#include "hub/room_publisher.hpp"

#include "core/visibility.hpp"
#include "core/wire_messages.hpp"
#include "hub/frame_join.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>

namespace veche::hub {
namespace {

frame event_frame(const std::string& session, core::seq_t seq, core::epoch_ms at, std::string_view kind,
                  nlohmann::json data) {
    return make_frame(core::event_message(session, seq, at, kind, std::move(data)).dump());
}

// The item as this subscriber sees it (null: not at all).
frame view_of(const rendered_item& item, const subscriber& s) {
    if (s.audience == audience::moderator) return item.moderator;
    if (item.author_view && item.author == s.link->who().id) return item.author_view;
    return item.reader;
}

}  // namespace

room_publisher::room_publisher(std::string session, std::size_t replay_capacity, core::seq_t restored_seq,
                               hub_metrics& metrics)
    : session_(std::move(session)), metrics_(metrics), published_seq_(restored_seq), ring_(replay_capacity, restored_seq) {}

void room_publisher::add_committed(const std::vector<core::change>& changes, core::epoch_ms at) {
    for (const auto& c : changes) {
        if (const auto* v = std::get_if<core::vote_changed>(&c.payload)) {
            // Totals are state, not a log: only the latest per question goes out.
            vote_totals_[v->question_id] = v->total;
            votes_seq_ = std::max(votes_seq_, c.seq);
            votes_at_ = at;
        } else if (const auto* b = std::get_if<core::ballot_cast>(&c.payload)) {
            poll_totals_.insert_or_assign(b->poll_id, poll_update{b->after, c.seq, at});
        } else {
            pending_.push_back(pending_change{c, at});
        }
    }
}

rendered_item room_publisher::render(const pending_change& p, const core::session_model& model) const {
    rendered_item item;
    item.seq = p.change.seq;
    if (const auto* sc = std::get_if<core::session_changed>(&p.change.payload)) {
        item.moderator = event_frame(session_, item.seq, p.at, "session",
                                     core::session_json(model.definition(), sc->status));
        item.reader = item.moderator;
    } else if (const auto* sf = std::get_if<core::segment_finalized>(&p.change.payload)) {
        item.moderator = event_frame(session_, item.seq, p.at, "transcript", core::segment_json(sf->segment));
        item.reader = item.moderator;
    } else if (const auto* pc = std::get_if<core::poll_changed>(&p.change.payload)) {
        return render_poll(pc->after, item.seq, p.at);
    } else if (const auto* qc = std::get_if<core::question_changed>(&p.change.payload)) {
        const auto& q = qc->after;
        const bool readers_see = core::visible_to_readers(q.state);
        item.moderator = event_frame(session_, item.seq, p.at, "question", core::question_json(q, true));
        if (readers_see)
            item.reader = event_frame(session_, item.seq, p.at, "question", core::question_json(q, false));
        else if (qc->was_visible_to_readers)
            item.reader = event_frame(session_, item.seq, p.at, "question", core::question_stub_json(q));
        // The author always sees their own question whole, with their name.
        if (!readers_see || q.anonymous) {
            item.author = q.author_id;
            item.author_view = event_frame(session_, item.seq, p.at, "question", core::question_json(q, true));
        }
    }
    return item;
}

rendered_item room_publisher::render_votes(const core::session_model& model) const {
    nlohmann::json all = nlohmann::json::object();
    nlohmann::json visible = nlohmann::json::object();
    for (const auto& [id, total] : vote_totals_) {
        all[id] = total;
        const auto* q = model.find(id);
        if (q && core::visible_to_readers(q->state)) visible[id] = total;
    }
    rendered_item item;
    item.seq = votes_seq_;
    item.moderator = event_frame(session_, votes_seq_, votes_at_, "votes", {{"counts", std::move(all)}});
    if (!visible.empty())
        item.reader = event_frame(session_, votes_seq_, votes_at_, "votes", {{"counts", std::move(visible)}});
    return item;
}

rendered_item room_publisher::render_poll(const core::poll& p, core::seq_t seq, core::epoch_ms at) const {
    rendered_item item;
    item.seq = seq;
    item.moderator = event_frame(session_, seq, at, "poll", core::poll_json(p, true));
    if (p.state != core::poll_state::draft) {
        const bool results = core::poll_results_public(p);
        item.reader = results ? item.moderator : event_frame(session_, seq, at, "poll", core::poll_json(p, false));
    }
    return item;
}

frame room_publisher::partial_frame(const core::transcript_segment& s, core::epoch_ms at) const {
    return event_frame(session_, published_seq_, at, "transcript", core::segment_json(s));
}

void room_publisher::broadcast(subscriber_set& subs, const frame& f) {
    std::uint64_t deliveries = 0;
    for (auto& s : subs.all()) {
        if (s.snapshots_waiting > 0) {
            s.held.push_back(f);
            continue;
        }
        s.link->send(f);
        ++deliveries;
    }
    metrics_.frames.inc();
    metrics_.deliveries.inc(deliveries);
    metrics_.items_delivered.inc(deliveries);
}

void room_publisher::publish(subscriber_set& subs, const core::session_model& model, core::epoch_ms now) {
    std::vector<rendered_item> items;
    items.reserve(pending_.size() + 1);
    for (const auto& p : pending_) items.push_back(render(p, model));
    pending_.clear();
    if (!vote_totals_.empty()) {
        items.push_back(render_votes(model));
        vote_totals_.clear();
    }
    for (const auto& [id, update] : poll_totals_) items.push_back(render_poll(update.after, update.seq, update.at));
    poll_totals_.clear();
    for (const auto& item : items) published_seq_ = std::max(published_seq_, item.seq);
    // Lines being typed go to everyone and are not kept for replay (a snapshot has them).
    std::vector<frame> typing;
    for (const auto& [id, s] : partials_) typing.push_back(partial_frame(s, now));
    partials_.clear();

    frame viewers;
    if (viewers_dirty_ && now - viewers_sent_at_ >= 1000) {
        viewers_dirty_ = false;
        if (subs.viewer_count() != viewers_sent_) {
            viewers_sent_ = subs.viewer_count();
            viewers_sent_at_ = now;
            // Not a stored change: it carries the latest seq and is never replayed.
            viewers = event_frame(session_, published_seq_, now, "viewers",
                                  {{"count", static_cast<std::int64_t>(viewers_sent_)}});
        }
    }
    deliver(items, viewers, typing, subs);
    metrics_.events.inc(items.size() + typing.size());
    for (auto& item : items) ring_.push(std::move(item));
}

void room_publisher::deliver(const std::vector<rendered_item>& items, const frame& viewers,
                             const std::vector<frame>& typing, subscriber_set& subs) {
    std::vector<frame> moderator, reader;
    std::unordered_map<std::string, bool> authors;  // participants with an item of their own this tick
    core::seq_t first_seq = std::numeric_limits<core::seq_t>::max();
    for (const auto& item : items) {
        moderator.push_back(item.moderator);
        if (item.reader) reader.push_back(item.reader);
        if (item.author_view) authors.emplace(item.author, true);
        first_seq = std::min(first_seq, item.seq);
    }
    moderator.insert(moderator.end(), typing.begin(), typing.end());
    reader.insert(reader.end(), typing.begin(), typing.end());
    auto speaker = reader;
    if (viewers) {
        moderator.push_back(viewers);
        speaker.push_back(viewers);
    }
    const frame frames[] = {join_items(moderator), join_items(speaker), join_items(reader)};
    const std::size_t counts[] = {moderator.size(), speaker.size(), reader.size()};
    // For those whose snapshot is not out yet: it will hold this tick's
    // stored changes; what is not stored waits for it.
    auto unstored = typing;
    if (viewers) unstored.push_back(viewers);
    const frame held[] = {join_items(unstored), join_items(unstored), join_items(typing)};
    metrics_.frames.inc(static_cast<std::uint64_t>((frames[0] ? 1 : 0) + (frames[1] ? 1 : 0) + (frames[2] ? 1 : 0)));

    std::unordered_map<std::string, std::pair<frame, std::size_t>> personal;
    std::uint64_t deliveries = 0, delivered_items = 0;
    for (auto& s : subs.all()) {
        const auto index = static_cast<std::size_t>(s.audience);
        if (s.snapshots_waiting > 0) {
            if (held[index]) s.held.push_back(held[index]);
            continue;
        }
        auto [f, n] = std::pair{frames[index], counts[index]};
        if (s.snapshot_seq >= first_seq) {
            // Its snapshot already holds some of this tick's changes.
            std::tie(f, n) = own_frame(items, viewers, typing, s);
        } else if (s.audience != audience::moderator && !authors.empty() && authors.count(s.link->who().id)) {
            auto& own = personal[s.link->who().id];
            if (!own.first) own = own_frame(items, viewers, typing, s);
            std::tie(f, n) = own;
        }
        if (!f) continue;
        s.link->send(f);
        ++deliveries;
        delivered_items += n;
    }
    // Counted once per tick: thousands of increments of shared counters would bounce between cores.
    metrics_.deliveries.inc(deliveries);
    metrics_.items_delivered.inc(delivered_items);
}

std::pair<frame, std::size_t> room_publisher::own_frame(const std::vector<rendered_item>& items, const frame& viewers,
                                                        const std::vector<frame>& typing, const subscriber& s) const {
    std::vector<frame> mine;
    for (const auto& item : items)
        if (item.seq > s.snapshot_seq)
            if (auto f = view_of(item, s)) mine.push_back(std::move(f));
    mine.insert(mine.end(), typing.begin(), typing.end());
    if (viewers && s.audience != audience::participant) mine.push_back(viewers);
    return {join_items(mine), mine.size()};
}

frame room_publisher::replay_frame(core::seq_t since, const subscriber& s) const {
    std::vector<frame> items;
    for (const auto& item : ring_.items())
        if (item.seq > since)
            if (auto f = view_of(item, s)) items.push_back(std::move(f));
    return join_items(items);
}

}  // namespace veche::hub
