#pragma once
// A running server on the demo forum (in a temporary data directory) and the
// ways people get in: `veche token` for staff, POST /api/v1/join for
// participants, WebSocket clients that say hello.

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"
#include "support/ws_client.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

namespace veche::test {

inline constexpr const char* pre_session = "sila-v-lyudyakh";          // pre-moderation
inline constexpr const char* post_session = "municipalnyi-nastavnik";  // post-moderation

struct forum_fixture {
    temp_dir dir;
    nlohmann::json config = demo_config();
    std::string config_path;
    std::unique_ptr<server_process> server;
    std::atomic<std::uint16_t> current_port{0};

    // change: adjusts the demo config before the server starts.
    explicit forum_fixture(const std::function<void(nlohmann::json&)>& change = {}) {
        for (auto& hall : config["event"]["halls"]) hall["source"] = "none";  // no video needed here
        if (change) change(config);
        config_path = write_config(dir, config);
        start();
    }

    void start() {
        server = std::make_unique<server_process>(
            std::vector<std::string>{"--config", config_path, "--data", (dir / "data").string()});
        current_port = server->port();
    }
    void restart_after(int signal) {
        server->stop(signal);
        start();
    }
    // Safe from client threads while the main thread restarts the server
    // (which listens on a new port each time).
    std::uint16_t port() const { return current_port; }

    std::string staff_token(const std::string& role, const std::string& session = "", const std::string& name = "") {
        std::vector<std::string> args{"token", "--config", config_path, "--role", role};
        if (!session.empty()) args.insert(args.end(), {"--session", session});
        if (!name.empty()) args.insert(args.end(), {"--name", name});
        auto r = run_veche(args);
        if (r.exit_code != 0) throw std::runtime_error("veche token failed: " + r.err);
        return r.out.substr(0, r.out.find('\n'));
    }

    // {"token", "participant": {...}}
    nlohmann::json join(const std::string& name = "") {
        auto r = http_post(port(), "/api/v1/join", name.empty() ? "{}" : nlohmann::json{{"name", name}}.dump());
        if (r.status != 200) throw std::runtime_error("join failed: " + r.body);
        return r.json();
    }

    std::unique_ptr<ws_client> connect(const std::string& token) {
        auto c = std::make_unique<ws_client>(port());
        c->hello(token);
        return c;
    }

    // Connected, welcomed and subscribed; the snapshot is returned through `snapshot` when given.
    std::unique_ptr<ws_client> subscribed(const std::string& token, const std::string& session,
                                          nlohmann::json* snapshot = nullptr) {
        auto c = connect(token);
        c->send({{"type", "subscribe"}, {"session", session}});
        auto snap = c->wait_for([](const nlohmann::json& m) { return m["type"] == "snapshot"; });
        if (!snap) throw std::runtime_error("no snapshot");
        if (snapshot) *snapshot = *snap;
        if (!c->wait_for([](const nlohmann::json& m) { return m["type"] == "subscribed"; }))
            throw std::runtime_error("no subscribed");
        return c;
    }
};

inline bool is_event(const nlohmann::json& m, const std::string& kind) {
    return m["type"] == "event" && m["kind"] == kind;
}

inline std::function<bool(const nlohmann::json&)> question_event(const std::string& id,
                                                                 const std::string& state = "") {
    return [id, state](const nlohmann::json& m) {
        return is_event(m, "question") && m["data"]["id"] == id && (state.empty() || m["data"]["state"] == state);
    };
}

}  // namespace veche::test
