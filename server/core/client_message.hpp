#pragma once
// Decoding what clients send on the WebSocket (docs/protocol.md) into typed
// messages. Every field is checked for presence and type here, so nothing
// past this point handles raw JSON from the network.

#include "core/poll_commands.hpp"
#include "core/question_commands.hpp"
#include "core/reaction_kind.hpp"
#include "core/session_change.hpp"
#include "core/session_commands.hpp"
#include "core/transcript_commands.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace veche::core {

struct hello_message {
    std::string token;
};
struct subscribe_message {
    std::string session;
    std::optional<seq_t> since;
};
struct unsubscribe_message {
    std::string session;
};
struct ask_message {
    std::string session;
    std::string text;
    bool anonymous = false;
};
struct vote_message {
    std::string question;
    bool on = true;
};
using moderate_message = moderation_request;
struct similar_message {
    std::string session;
    std::string text;
};
struct session_control_message {
    std::string session;
    session_action action = session_action::live;
};
// session_control with the action `replay_range`.
struct replay_range_message {
    std::string session;
    epoch_ms from_ms = 0;
    epoch_ms to_ms = 0;
};

struct transcript_message {
    std::string session;
    transcript_input segment;
};
struct poll_create_message {
    std::string session;
    std::string question;
    std::vector<std::string> options;
    bool multi = false;
    bool live_results = false;
    bool formal = false;
};
struct poll_control_message {
    std::string poll;
    poll_action action = poll_action::open;
};
struct poll_vote_message {
    std::string poll;
    std::vector<std::int64_t> choices;
};
struct react_message {
    std::string session;
    reaction_kind kind = reaction_kind::applause;
};

using client_payload =
    std::variant<hello_message, subscribe_message, unsubscribe_message, ask_message, vote_message, moderate_message,
                 session_control_message, replay_range_message, transcript_message, poll_create_message, poll_control_message,
                 poll_vote_message, react_message, similar_message>;

struct client_message {
    std::optional<std::string> rid;
    client_payload payload;
    // The message as it came: a cluster node that does not sequence the session forwards it as is.
    std::string text;
};

// Why a message could not be decoded; the rid is kept when it could be read,
// so the error reply can carry it.
struct decode_failure {
    std::optional<std::string> rid;
    std::string message;
};

std::variant<client_message, decode_failure> decode_client_message(std::string_view text);

// The session a message is about, to route it: the session field, or the
// session part of a question or poll id ("{session}.{n}", "{session}.p{n}").
// Empty for hello.
std::string session_of(const client_payload& payload);

}  // namespace veche::core
