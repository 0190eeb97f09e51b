#include "hub/commit_pipeline.hpp"

#include "common/wall_clock.hpp"
#include "hub/frame_join.hpp"

#include <boost/asio/post.hpp>

#include <unordered_map>

namespace veche::hub {

commit_pipeline::commit_pipeline(strand& on, store::event_store& store, const core::session_model& model, hooks h)
    : strand_(on), store_(store), model_(model), hooks_(std::move(h)) {}

void commit_pipeline::add(std::vector<core::change>&& changes) {
    for (auto& c : changes) changes_.push_back(std::move(c));
    if (!changes.empty()) schedule_flush();
}

void commit_pipeline::add(std::vector<core::audit_entry>&& entries) {
    for (auto& e : entries) audit_.push_back(std::move(e));
    if (!entries.empty()) schedule_flush();
}

void commit_pipeline::add(store::stored_request&& request) {
    requests_.push_back(std::move(request));
    schedule_flush();
}

void commit_pipeline::add_reaction_totals(const std::map<std::string, std::int64_t>& grown) {
    for (const auto& [kind, total] : grown) reaction_totals_[kind] = total;
    if (!grown.empty()) schedule_flush();
}

void commit_pipeline::add_attendee(std::string participant, std::string region) {
    attendees_.emplace_back(std::move(participant), std::move(region));
    schedule_flush();
}

bool commit_pipeline::next_batch_has_work() const {
    return !changes_.empty() || !audit_.empty() || !requests_.empty() || !replies_.empty() || !reaction_totals_.empty();
}

bool commit_pipeline::waiting() const { return in_flight_ > 0 || next_batch_has_work(); }

void commit_pipeline::send(reply r) {
    if (waiting()) {
        replies_.push_back(std::move(r));
        if (replies_.size() + changes_.size() >= max_batch_items) return flush();
        return schedule_flush();
    }
    send_now({std::move(r)});
}

void commit_pipeline::schedule_flush() {
    if (flush_posted_) return;
    flush_posted_ = true;
    // Posted, not called: commands already queued on the strand join this batch.
    boost::asio::post(strand_, [this, keep = hooks_.owner()] {
        flush_posted_ = false;
        flush();
    });
}

void commit_pipeline::flush() {
    const bool ordered = next_batch_has_work();
    if (!ordered && attendees_.empty()) return;
    auto batch = std::make_shared<store::write_batch>();
    batch->session = model_.definition().id;
    batch->at = now_ms();
    batch->status = model_.status();
    batch->seq = model_.seq();
    batch->changes = std::exchange(changes_, {});
    batch->audit = std::exchange(audit_, {});
    batch->requests = std::exchange(requests_, {});
    batch->reaction_totals = std::exchange(reaction_totals_, {});
    batch->attendees = std::exchange(attendees_, {});
    if (!ordered) {
        // Only who took part: nothing waits for it (no answer, no event), so it
        // holds nothing up. Every change is already on its way, so the
        // session's seq it carries is no newer than what is stored before it.
        store_.append(batch, [this, session = batch->session, keep = hooks_.owner()](bool ok) {
            if (!ok) boost::asio::post(strand_, [this, session, keep] { hooks_.store_failed(session); });
        });
        return;
    }
    auto job = std::make_shared<in_flight>(in_flight{batch, std::exchange(replies_, {})});
    ++in_flight_;
    store_.append(batch, [this, job, keep = hooks_.owner()](bool ok) {
        boost::asio::post(strand_, [this, job, ok, keep] { committed(*job, ok); });
    });
}

void commit_pipeline::committed(const in_flight& done, bool ok) {
    --in_flight_;
    // Nothing of the batch is on disk, and the model already holds it: no
    // answer or event of it may go out (the owner stops the server; clients
    // retry with the same rid after the restart).
    if (!ok) return hooks_.store_failed(done.batch->session);
    hooks_.committed(*done.batch);
    send_now(done.replies);
}

void commit_pipeline::send_now(const std::vector<reply>& replies) {
    // A client with many requests in flight gets the answers of one commit
    // in one frame: one write instead of dozens.
    std::vector<std::pair<client_link*, std::vector<frame>>> answers;
    std::unordered_map<client_link*, std::size_t> index;
    for (const auto& r : replies) {
        auto [it, fresh] = index.try_emplace(r.to.get(), answers.size());
        if (fresh) answers.emplace_back(r.to.get(), std::vector<frame>{});
        auto& waiting_answers = answers[it->second].second;
        if (r.kind == reply_kind::answer) {
            waiting_answers.push_back(r.message);
            continue;
        }
        // A snapshot: the answers that came before it stay before it.
        if (!waiting_answers.empty()) r.to->send_reply(join_items(waiting_answers));
        waiting_answers.clear();
        hooks_.send_ordered(r);
    }
    for (auto& [to, waiting_answers] : answers)
        if (!waiting_answers.empty()) to->send_reply(join_items(waiting_answers));
}

}  // namespace veche::hub
