#include "hub/room_publisher.hpp"

#include "core/overloaded.hpp"
#include "core/visibility.hpp"
#include "core/wire_messages.hpp"
#include "hub/frame_join.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>

namespace veche::hub {
namespace {

// The item as this subscriber sees it (null: not at all).
frame view_of(const rendered_item& item, const subscriber& s) {
    if (s.audience == audience::moderator) return item.moderator;
    if (item.author_view && item.author == s.link->who().id) return item.author_view;
    if (s.audience == audience::speaker && item.speaker) return item.speaker;
    return item.reader;
}

}  // namespace

room_publisher::room_publisher(std::string session, std::size_t replay_capacity, core::seq_t restored_seq,
                               std::chrono::milliseconds viewers_interval, hub_metrics& metrics)
    : session_(std::move(session)),
      viewers_interval_(viewers_interval),
      metrics_(metrics),
      published_seq_(restored_seq),
      ring_(replay_capacity, restored_seq) {}

void room_publisher::restored(core::seq_t seq) {
    published_seq_ = seq;
    ring_ = replay_buffer(ring_.capacity(), seq);
}

void room_publisher::add_committed(const std::vector<core::change>& changes, core::epoch_ms at) {
    for (const auto& c : changes) {
        std::visit(core::overloaded{
                       // Totals are state, not a log: only the latest goes out, with the seq of its last change.
                       [&](const core::vote_changed& v) {
                           vote_totals_[v.question_id] = v.total;
                           votes_seq_ = c.seq;
                           votes_at_ = at;
                       },
                       [&](const core::ballot_cast& b) {
                           poll_totals_.insert_or_assign(b.poll_id, poll_update{b.after, c.seq, at});
                       },
                       [&](const core::question_changed&) { pending_.push_back(pending_change{c, at}); },
                       [&](const core::session_changed&) { pending_.push_back(pending_change{c, at}); },
                       [&](const core::segment_finalized&) { pending_.push_back(pending_change{c, at}); },
                       [&](const core::poll_changed&) { pending_.push_back(pending_change{c, at}); },
                   },
                   c.payload);
    }
}

frame room_publisher::render(const ephemeral_event& e, core::seq_t seq) const {
    return make_frame(core::event_text(session_, seq, e.at, e.kind, e.data));
}

ephemeral_event room_publisher::partial_event(const core::transcript_segment& s, core::epoch_ms at) {
    return ephemeral_event{"transcript", core::segment_json(s).dump(), at};
}

rendered_item room_publisher::render(const pending_change& p, const core::session_model& model) const {
    rendered_item item;
    item.seq = p.change.seq;
    const auto event = [&](std::string_view kind, const nlohmann::json& data) {
        return make_frame(core::event_text(session_, item.seq, p.at, kind, data.dump()));
    };
    std::visit(core::overloaded{
                   [&](const core::session_changed& sc) {
                       item.moderator = item.reader =
                           event("session", core::session_json(model.definition(), sc.status));
                   },
                   [&](const core::segment_finalized& sf) {
                       item.moderator = item.reader = event("transcript", core::segment_json(sf.segment));
                   },
                   [&](const core::poll_changed& pc) { item = render_poll(pc.after, item.seq, p.at); },
                   [&](const core::question_changed& qc) {
                       const auto& q = qc.after;
                       const auto readers = core::reader_view_of(qc);
                       item.moderator = event("question", core::question_json(q, core::author_view::moderator));
                       if (readers == core::question_reader_view::whole) {
                           item.reader = event("question", core::question_json(q, core::author_view::reader));
                           // Speakers also see where a named author comes from: one more frame, not one per speaker.
                           if (!q.anonymous)
                               item.speaker = event("question", core::question_json(q, core::author_view::staff));
                       } else if (readers == core::question_reader_view::stub) {
                           item.reader = event("question", core::question_stub_json(q));
                       }
                       // The author always sees their own question whole, with their name.
                       if (readers != core::question_reader_view::whole || q.anonymous) {
                           item.author = q.author_id;
                           item.author_view = event("question", core::question_json(q, core::author_view::owner));
                       }
                   },
                   // Coalesced into totals by add_committed, never pending.
                   [&](const core::vote_changed&) {},
                   [&](const core::ballot_cast&) {},
               },
               p.change.payload);
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
    const auto event = [&](const nlohmann::json& counts) {
        return make_frame(core::event_text(session_, votes_seq_, votes_at_, "votes", nlohmann::json{{"counts", counts}}.dump()));
    };
    item.moderator = event(all);
    if (!visible.empty()) item.reader = event(visible);
    return item;
}

rendered_item room_publisher::render_poll(const core::poll& p, core::seq_t seq, core::epoch_ms at) const {
    rendered_item item;
    item.seq = seq;
    const auto event = [&](bool results) {
        return make_frame(core::event_text(session_, seq, at, "poll", core::poll_json(p, results).dump()));
    };
    item.moderator = event(true);
    switch (core::reader_view_of(p)) {
        case core::poll_reader_view::none: break;
        case core::poll_reader_view::with_results: item.reader = item.moderator; break;
        case core::poll_reader_view::without_results: item.reader = event(false); break;
    }
    return item;
}

void room_publisher::broadcast(subscriber_set& subs, const ephemeral_event& e) {
    const auto shared = render(e, published_seq_);
    std::uint64_t deliveries = 0;
    for (auto& s : subs.all()) {
        if (s.snapshots_waiting > 0) {
            s.held.push_back(e);
            continue;
        }
        // A snapshot that went out before this room published what it shows: its seq, not an older one.
        const auto seq = seq_known_to(s);
        s.link->send(seq == published_seq_ ? shared : render(e, seq));
        ++deliveries;
    }
    metrics_.frames.inc();
    metrics_.deliveries.inc(deliveries);
    metrics_.items_delivered.inc(deliveries);
}

frame room_publisher::ephemeral_frame(const std::vector<ephemeral_event>& events, const subscriber& s) const {
    std::vector<frame> items;
    for (const auto& e : events) items.push_back(render(e, seq_known_to(s)));
    return join_items(items);
}

void room_publisher::publish(subscriber_set& subs, const core::session_model& model, core::epoch_ms now) {
    std::vector<rendered_item> items;
    items.reserve(pending_.size() + 1 + poll_totals_.size());
    for (const auto& p : pending_) items.push_back(render(p, model));
    pending_.clear();
    if (!vote_totals_.empty()) {
        items.push_back(render_votes(model));
        vote_totals_.clear();
    }
    for (const auto& [id, update] : poll_totals_) items.push_back(render_poll(update.after, update.seq, update.at));
    poll_totals_.clear();
    // Totals took the seq of their last change: in seq order they follow what came before them.
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    if (!items.empty()) published_seq_ = std::max(published_seq_, items.back().seq);
    // Lines being typed go to everyone and are not kept for replay (a snapshot has them).
    std::vector<ephemeral_event> typing;
    for (const auto& [id, s] : partials_) typing.push_back(partial_event(s, now));
    partials_.clear();

    std::optional<ephemeral_event> viewers;
    if (viewers_dirty_ && now - viewers_sent_at_ >= viewers_interval_.count()) {
        viewers_dirty_ = false;
        if (subs.viewer_count() != viewers_sent_) {
            viewers_sent_ = subs.viewer_count();
            viewers_sent_at_ = now;
            viewers = ephemeral_event{"viewers",
                                      nlohmann::json{{"count", static_cast<std::int64_t>(viewers_sent_)}}.dump(), now};
        }
    }
    deliver(items, viewers, typing, subs);
    metrics_.events.inc(items.size() + typing.size());
    for (auto& item : items) ring_.push(std::move(item));
}

void room_publisher::deliver(const std::vector<rendered_item>& items, const std::optional<ephemeral_event>& viewers,
                             const std::vector<ephemeral_event>& typing, subscriber_set& subs) {
    // What is not a stored change carries published_seq_, now at least the
    // seq of every snapshot sent: all it showed was committed, so this tick published it.
    std::vector<frame> typing_frames;
    for (const auto& e : typing) typing_frames.push_back(render(e, published_seq_));
    const frame viewers_frame = viewers ? render(*viewers, published_seq_) : nullptr;
    std::vector<frame> moderator, speaker, reader;
    std::unordered_map<std::string, bool> authors;  // participants with an item of their own this tick
    for (const auto& item : items) {
        moderator.push_back(item.moderator);
        if (item.reader) reader.push_back(item.reader);
        if (item.speaker || item.reader) speaker.push_back(item.speaker ? item.speaker : item.reader);
        if (item.author_view) authors.emplace(item.author, true);
    }
    const auto first_seq = items.empty() ? std::numeric_limits<core::seq_t>::max() : items.front().seq;
    for (auto* list : {&moderator, &speaker, &reader}) list->insert(list->end(), typing_frames.begin(), typing_frames.end());
    if (viewers_frame) {
        moderator.push_back(viewers_frame);
        speaker.push_back(viewers_frame);
    }
    const frame frames[] = {join_items(moderator), join_items(speaker), join_items(reader)};
    const std::size_t counts[] = {moderator.size(), speaker.size(), reader.size()};
    metrics_.frames.inc(static_cast<std::uint64_t>((frames[0] ? 1 : 0) + (frames[1] ? 1 : 0) + (frames[2] ? 1 : 0)));

    std::unordered_map<std::string, std::pair<frame, std::size_t>> personal;
    std::uint64_t deliveries = 0, delivered_items = 0;
    for (auto& s : subs.all()) {
        const auto index = static_cast<std::size_t>(s.audience);
        if (s.snapshots_waiting > 0) {
            // Its snapshot will hold this tick's stored changes; what is not stored waits for it.
            s.held.insert(s.held.end(), typing.begin(), typing.end());
            if (viewers && s.audience != audience::participant) s.held.push_back(*viewers);
            continue;
        }
        auto [f, n] = std::pair{frames[index], counts[index]};
        const auto unstored = [&] {
            auto out = typing_frames;
            if (viewers_frame && s.audience != audience::participant) out.push_back(viewers_frame);
            return out;
        };
        if (s.snapshot_seq >= first_seq) {
            // Its snapshot already holds some of this tick's changes.
            std::tie(f, n) = own_frame(items, unstored(), s);
        } else if (s.audience != audience::moderator && !authors.empty() && authors.count(s.link->who().id)) {
            auto& own = personal[s.link->who().id];
            if (!own.first) own = own_frame(items, unstored(), s);
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

std::pair<frame, std::size_t> room_publisher::own_frame(const std::vector<rendered_item>& items,
                                                        const std::vector<frame>& unstored,
                                                        const subscriber& s) const {
    std::vector<frame> mine;
    for (const auto& item : items)
        if (item.seq > s.snapshot_seq)
            if (auto f = view_of(item, s)) mine.push_back(std::move(f));
    mine.insert(mine.end(), unstored.begin(), unstored.end());
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
