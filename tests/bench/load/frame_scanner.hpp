#pragma once
// Reads the few fields the generator needs out of a server frame, without
// building a JSON document: at a million deliveries a second a DOM parse per
// frame would cost the generator more CPU than the server spends sending
// (and both share the same two cores). A batch frame yields its items in
// order, as the contract says to read them; strings are returned raw (the
// fields read here never hold escapes).

#include <cstdint>
#include <string_view>
#include <vector>

namespace veche::bench {

struct frame_item {
    std::string_view type;    // event, ack, error, welcome, snapshot, subscribed, …
    std::string_view kind;    // an event's kind
    std::string_view rid;
    std::string_view code;    // an error's code
    std::string_view id;      // an event's data.id, or an ack's id (ask)
    std::string_view state;   // an event's data.state
    std::string_view counts;  // an event's data.counts, raw JSON (votes)
    std::int64_t at_ms = -1;  // Veche: the commit's wall clock
    std::int64_t votes = -1;  // a vote's ack: the new total
    std::int64_t t_us = -1;   // reference messages: when the publisher sent it
    std::int64_t n = -1;      // reference messages: the publisher's number
    std::int64_t q = -1;      // reference votes: the question's index
    std::int64_t v = -1;      // reference votes: the vote's number within its question
};

// Fills `out` with the messages of one frame; false when the frame is not the JSON expected.
bool scan_frame(std::string_view text, std::vector<frame_item>& out);

// Calls f(key, value) for each member of a {"key":int,…} object; false when malformed.
template <class F>
bool for_each_count(std::string_view counts, F&& f);

namespace detail {
// The next "key":int member at or after `at`; false at the end or when malformed.
bool next_count(std::string_view counts, std::size_t& at, std::string_view& key, std::int64_t& value, bool& done);
}  // namespace detail

template <class F>
bool for_each_count(std::string_view counts, F&& f) {
    std::size_t at = 0;
    std::string_view key;
    std::int64_t value = 0;
    bool done = false;
    while (true) {
        if (!detail::next_count(counts, at, key, value, done)) return false;
        if (done) return true;
        f(key, value);
    }
}

}  // namespace veche::bench
