#include "core/message_fields.hpp"

#include <nlohmann/json.hpp>

namespace veche::core {
namespace {

constexpr std::string_view key_names[] = {"type",  "rid",      "token",    "session", "since",   "text",
                                          "anonymous", "question", "on",   "action",  "id",      "final",
                                          "start_ms", "end_ms", "speaker", "lang",    "options", "multi",
                                          "live_results", "poll", "choices", "kind", "from_ms", "to_ms", "formal",
                                          "into"};
static_assert(std::size(key_names) == static_cast<std::size_t>(message_key::count_));

std::optional<message_key> key_of(std::string_view name) {
    for (std::size_t i = 0; i < std::size(key_names); ++i)
        if (key_names[i] == name) return static_cast<message_key>(i);
    return std::nullopt;
}

}  // namespace

std::string_view message_fields::name(message_key key) { return key_names[static_cast<std::size_t>(key)]; }

// The SAX handler nlohmann's parser drives: it keeps members at depth 1 (and
// the scalar items of arrays there) and counts its way over everything else.
class message_fields_reader {
public:
    using json = nlohmann::json;
    explicit message_fields_reader(message_fields& out) : out_(out) {}

    bool null() { return value(field_value{}); }
    bool boolean(bool b) {
        field_value v;
        v.type = field_value::kind::boolean;
        v.boolean = b;
        return value(std::move(v));
    }
    bool number_integer(json::number_integer_t n) {
        field_value v;
        v.type = field_value::kind::integer;
        v.integer = n;
        return value(std::move(v));
    }
    bool number_unsigned(json::number_unsigned_t n) {
        field_value v;
        v.type = field_value::kind::unsigned_integer;
        v.unsigned_integer = n;
        return value(std::move(v));
    }
    bool number_float(json::number_float_t, const json::string_t&) {
        field_value v;
        v.type = field_value::kind::floating;
        return value(std::move(v));
    }
    bool string(json::string_t& s) {
        field_value v;
        v.type = field_value::kind::string;
        v.string = std::move(s);
        return value(std::move(v));
    }
    bool binary(json::binary_t&) { return true; }  // not in JSON text
    bool start_object(std::size_t) { return open(field_value::kind::object); }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(field_value::kind::array); }
    bool end_array() { return close(); }
    bool key(json::string_t& name) {
        if (depth_ == 1) current_ = key_of(name);
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

private:
    // The slot of the member being read at depth 1, or null when it is one nobody reads.
    std::optional<field_value>* slot() {
        return current_ ? &out_.fields_[static_cast<std::size_t>(*current_)] : nullptr;
    }
    bool value(field_value v) {
        if (depth_ == 0) {
            out_.result_ = message_fields::outcome::not_an_object;
        } else if (depth_ == 1) {
            if (auto* s = slot()) *s = std::move(v);  // a repeated member: the last one counts
        } else if (depth_ == 2 && in_array_) {
            if (auto* s = slot()) (*s)->items.push_back(std::move(v));
        }
        return true;
    }
    bool open(field_value::kind k) {
        if (depth_ == 0) {
            out_.result_ = k == field_value::kind::object ? message_fields::outcome::object
                                                          : message_fields::outcome::not_an_object;
        } else {
            field_value v;
            v.type = k;
            value(std::move(v));
            if (depth_ == 1) in_array_ = k == field_value::kind::array;
        }
        ++depth_;
        return true;
    }
    bool close() {
        --depth_;
        if (depth_ == 1) in_array_ = false;
        return true;
    }

    message_fields& out_;
    std::size_t depth_ = 0;
    std::optional<message_key> current_;
    bool in_array_ = false;
};

message_fields::message_fields(std::string_view text) {
    message_fields_reader reader(*this);
    if (!nlohmann::json::sax_parse(text, &reader)) {
        result_ = outcome::invalid_json;
        fields_ = {};
    }
}

}  // namespace veche::core
