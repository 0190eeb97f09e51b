#pragma once
// The top-level members of one client message that the decoder reads, taken
// from the text with a streaming (SAX) parse: no JSON tree is built for a
// message, which matters when thousands of votes arrive each second. Members
// the protocol does not name are stepped over; nested objects are only noted
// as objects. The JSON must still be valid as a whole.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::core {

// Every member name a client message may carry.
enum class message_key : std::uint8_t {
    type, rid, token, session, since, text, anonymous, question, on, action, id, final, start_ms, end_ms,
    speaker, lang, options, multi, live_results, poll, choices, kind, from_ms, to_ms, formal, into, count_
};

// One member's value: scalars as they are, arrays of scalars with their items.
struct field_value {
    enum class kind : std::uint8_t { null, boolean, integer, unsigned_integer, floating, string, array, object };
    kind type = kind::null;
    bool boolean = false;
    std::int64_t integer = 0;        // integer
    std::uint64_t unsigned_integer = 0;  // unsigned_integer (non-negative numbers)
    std::string string;
    std::vector<field_value> items;  // array: its items (nested arrays and objects without contents)

    bool is_integer() const { return type == kind::integer || type == kind::unsigned_integer; }
    // An integer as a signed value (an unsigned one past the range wraps, as nlohmann's get<int64_t> does).
    std::int64_t as_int64() const {
        return type == kind::integer ? integer : static_cast<std::int64_t>(unsigned_integer);
    }
};

class message_fields {
public:
    enum class outcome { object, not_an_object, invalid_json };

    // Parses the text; outcome() says whether it was a JSON object.
    explicit message_fields(std::string_view text);

    outcome result() const { return result_; }
    // The member, or null when the message does not have it.
    const field_value* find(message_key key) const {
        const auto& slot = fields_[static_cast<std::size_t>(key)];
        return slot ? &*slot : nullptr;
    }
    static std::string_view name(message_key key);

private:
    friend class message_fields_reader;
    outcome result_ = outcome::invalid_json;
    std::array<std::optional<field_value>, static_cast<std::size_t>(message_key::count_)> fields_;
};

}  // namespace veche::core
