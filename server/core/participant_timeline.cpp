#include "core/participant_timeline.hpp"

#include "core/overloaded.hpp"
#include "core/visibility.hpp"

namespace veche::core {
namespace {

// {"seq","at_ms","kind","data"}, in the order docs/protocol.md lists them.
std::string item_text(seq_t seq, epoch_ms at, std::string_view kind, const nlohmann::json& data) {
    std::string out = R"({"seq":)";
    out += std::to_string(seq);
    out += R"(,"at_ms":)";
    out += std::to_string(at);
    out += R"(,"kind":")";
    out += kind;
    out += R"(","data":)";
    out += data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '}';
    return out;
}

}  // namespace

participant_timeline::item* participant_timeline::joinable(std::string_view kind, epoch_ms at) {
    return open_ && open_->kind == kind && open_->at == at ? &*open_ : nullptr;
}

void participant_timeline::push(item next) {
    if (open_) {
        if (!closed_.empty()) closed_ += ',';
        closed_ += item_text(open_->seq, open_->at, open_->kind, open_->data);
    }
    open_ = std::move(next);
}

void participant_timeline::add(const change& c, epoch_ms at) {
    last_seq_ = c.seq;
    std::visit(overloaded{
                   [&](const question_changed& qc) {
                       const auto& q = qc.after;
                       if (visible_to_readers(q.state)) visible_.insert(q.id);
                       else visible_.erase(q.id);
                       switch (reader_view_of(qc)) {
                           case question_reader_view::none: break;
                           case question_reader_view::stub: push({c.seq, at, "question", question_stub_json(q), {}}); break;
                           case question_reader_view::whole:
                               push({c.seq, at, "question", question_json(q, author_view::reader), {}});
                               break;
                       }
                   },
                   [&](const vote_changed& v) {
                       // A total must not reveal a question readers cannot see; the item still takes the seq of
                       // the commit's last vote, as live.
                       const bool shown = visible_.count(v.question_id) > 0;
                       if (auto* open = joinable("votes", at)) {
                           if (shown) open->data["counts"][v.question_id] = v.total;
                           open->seq = c.seq;
                       } else if (shown) {
                           push({c.seq, at, "votes", {{"counts", {{v.question_id, v.total}}}}, {}});
                       }
                   },
                   [&](const session_changed& sc) { push({c.seq, at, "session", session_json(def_, sc.status), {}}); },
                   [&](const segment_finalized& sf) { push({c.seq, at, "transcript", segment_json(sf.segment), {}}); },
                   [&](const poll_changed& pc) {
                       const auto view = reader_view_of(pc.after);
                       if (view == poll_reader_view::none) return;
                       push({c.seq, at, "poll", poll_json(pc.after, view == poll_reader_view::with_results), {}});
                   },
                   [&](const ballot_cast& b) {
                       const auto view = reader_view_of(b.after);
                       if (view == poll_reader_view::none) return;
                       auto data = poll_json(b.after, view == poll_reader_view::with_results);
                       // Only the latest counts of a poll go out per commit, as live.
                       if (auto* open = joinable("poll", at); open && open->ballots_of == b.poll_id) {
                           open->data = std::move(data);
                           open->seq = c.seq;
                           return;
                       }
                       push({c.seq, at, "poll", std::move(data), b.poll_id});
                   },
               },
               c.payload);
}

std::string participant_timeline::items_text() const {
    std::string out = "[";
    out += closed_;
    if (open_) {
        if (!closed_.empty()) out += ',';
        out += item_text(open_->seq, open_->at, open_->kind, open_->data);
    }
    out += ']';
    return out;
}

}  // namespace veche::core
