#pragma once
// A session's stored changes as a participant received them live (contract
// 7.5, timeline.json): for each change, in seq order, the event kind and data
// that a participant who is neither moderator nor author got over the
// WebSocket, by the same rules (core/visibility.hpp, core/poll.hpp):
//   question   the whole question while readers may see it, the stub when it
//              stops being visible; nothing for one they never saw
//   votes      {"counts":{id:total}} of the questions readers saw at that moment
//   poll       from its opening on; results only once they are public
//   transcript the final lines;  session  the session after the change
// Vote changes of one commit (same at_ms, nothing else between) are one
// `votes` item with the seq of the last, as ballots of one commit in one poll
// are one `poll` item. Built one change at a time, so a long session's
// rendering grows with what was added since. Pure: no I/O.

#include "core/event_definition.hpp"
#include "core/session_change.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_set>

namespace veche::core {

class participant_timeline {
public:
    explicit participant_timeline(const session_definition& def) : def_(def) {}

    // The next stored change, committed at `at` (after every change added before it).
    void add(const change& c, epoch_ms at);
    // The seq of the last change added (0: none).
    seq_t last_seq() const { return last_seq_; }
    // [{"seq","at_ms","kind","data"},…] as JSON text.
    std::string items_text() const;

private:
    struct item {
        seq_t seq = 0;
        epoch_ms at = 0;
        std::string kind;
        nlohmann::json data;
        std::string ballots_of;  // a poll item made by ballots: its poll's id (later ballots replace it)
    };
    void push(item next);
    // The open item when the next change at `at` may join it.
    item* joinable(std::string_view kind, epoch_ms at);

    const session_definition& def_;
    std::unordered_set<std::string> visible_;  // questions readers may see now
    std::string closed_;                       // the items that nothing joins any more, comma-separated
    std::optional<item> open_;                 // the last item
    seq_t last_seq_ = 0;
};

}  // namespace veche::core
