// Three nodes, one NATS server: every node serves the same session. Clients
// on every node ask, vote and moderate through their own node; everything
// converges to the same state on all nodes, in the same order.
#include "cluster_fixture.hpp"
#include "session_view.hpp"
#include "integration/server_metrics.hpp"

#include <csignal>
#include <fstream>

#include <catch2/catch.hpp>

using namespace veche::test;
using nlohmann::json;

TEST_CASE("three nodes: asks, votes and moderation through every node converge to one state, in one order",
          "[cluster]") {
    nats_server nats;
    cluster_fixture cluster(nats.url(), 1);
    temp_dir dir;
    const auto owner = cluster.owner(busy_session, std::chrono::seconds(10));
    REQUIRE(owner);
    // Every node says who it is, and the same owner.
    for (std::size_t i = 0; i < cluster_fixture::nodes; ++i) {
        const auto health = http_get(cluster.port(i), "/healthz").json();
        CHECK(health["node"] == cluster.node_id(i));
        CHECK(health["nats"] == "connected");
    }

    const auto moderator = cluster.staff_token("moderator");
    // A moderator watching on every node: the order each node publishes in.
    std::vector<std::unique_ptr<ws_client>> watchers;
    std::vector<session_view> watched(cluster_fixture::nodes);
    for (std::size_t i = 0; i < cluster_fixture::nodes; ++i) {
        watchers.push_back(cluster.connect(i, moderator));
        watchers[i]->send({{"type", "subscribe"}, {"session", busy_session}});
        watched[i].read_subscription(*watchers[i]);
    }

    // Two participants per node, each asking through its own node.
    struct person {
        std::size_t node;
        std::unique_ptr<ws_client> client;
        std::vector<std::string> asked;
    };
    std::vector<person> people;
    for (std::size_t i = 0; i < 2 * cluster_fixture::nodes; ++i) {
        const auto node = i % cluster_fixture::nodes;
        people.push_back({node, cluster.connect(node, cluster.join(node)), {}});
    }
    for (std::size_t round = 0; round < 3; ++round)
        for (std::size_t i = 0; i < people.size(); ++i) {
            const auto text = "Вопрос " + std::to_string(i) + "." + std::to_string(round) + " через узел " +
                              std::to_string(people[i].node + 1);
            const auto ack = people[i].client->request({{"type", "ask"}, {"session", busy_session}, {"text", text}});
            REQUIRE(ack["type"] == "ack");
            people[i].asked.push_back(ack["id"]);
        }
    // Moderation through all three nodes in turn: approve two of every three.
    std::vector<std::unique_ptr<ws_client>> moderators;
    for (std::size_t i = 0; i < cluster_fixture::nodes; ++i) moderators.push_back(cluster.connect(i, moderator));
    std::vector<std::string> approved;
    std::size_t k = 0;
    for (const auto& p : people)
        for (const auto& id : p.asked) {
            const bool approve = k % 3 != 2;
            const auto ack = moderators[k++ % cluster_fixture::nodes]->request(
                // The three connections are one moderator: rids unique to the person, not to the connection.
                {{"type", "moderate"}, {"question", id}, {"action", approve ? "approve" : "reject"}, {"rid", "m" + id}});
            if (ack["type"] != "ack") FAIL(ack.dump());
            if (approve) approved.push_back(id);
        }
    // Everybody votes for every approved question, through their own node; and once again (no double count).
    for (auto& p : people)
        for (const auto& id : approved) {
            const auto ack = p.client->request({{"type", "vote"}, {"question", id}, {"on", true}, {"rid", "v" + id}});
            if (ack["type"] != "ack") FAIL(ack.dump());
            CHECK(p.client->request({{"type", "vote"}, {"question", id}, {"on", true}, {"rid", "v" + id}}) == ack);
        }

    // Fresh snapshots on every node: the same questions, states, totals and seq.
    std::vector<session_view> fresh(cluster_fixture::nodes);
    const auto settle = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (std::size_t i = 0; i < cluster_fixture::nodes; ++i) {
        auto c = cluster.connect(i, moderator);
        c->send({{"type", "subscribe"}, {"session", busy_session}});
        fresh[i].read_subscription(*c);
    }
    REQUIRE(fresh[0].questions.size() == people.size() * 3);
    for (std::size_t i = 1; i < cluster_fixture::nodes; ++i) {
        INFO("node " << i + 1);
        CHECK(fresh[i].seq == fresh[0].seq);
        CHECK(fresh[i].questions == fresh[0].questions);
    }
    for (const auto& id : approved) CHECK(fresh[0].questions[id]["votes"] == people.size());
    // What each node's watcher received ends at that same state, numbered in the same order everywhere.
    for (std::size_t i = 0; i < cluster_fixture::nodes; ++i) {
        INFO("watcher on node " << i + 1);
        while (watched[i].seq < fresh[0].seq && std::chrono::steady_clock::now() < settle)
            if (auto m = watchers[i]->next(std::chrono::milliseconds(200))) watched[i].apply(*m);
        CHECK(watched[i].seq == fresh[0].seq);
        CHECK(watched[i].questions == fresh[0].questions);
        CHECK(watched[i].order == watched[0].order);
    }

    // The cluster's figures: every session sequenced by exactly one node, the owner appended, the others
    // forwarded and replicated; and Prometheus reads them (promtool check metrics).
    double owned = 0;
    for (std::size_t i = 0; i < cluster_fixture::nodes; ++i) {
        INFO("node " << i + 1);
        owned += metric(cluster.port(i), "veche_cluster_sessions_owned").value_or(-100);
        CHECK(metric(cluster.port(i), "veche_cluster_connected") == 1.0);
        CHECK(metric(cluster.port(i), "veche_cluster_replicated_total").value_or(0) > 0);
        if (i == *owner) CHECK(metric(cluster.port(i), "veche_cluster_appends_total").value_or(0) > 0);
        else CHECK(metric(cluster.port(i), "veche_cluster_forwarded_total").value_or(0) > 0);
        const auto path = (dir / ("metrics-" + std::to_string(i) + ".txt")).string();
        std::ofstream(path) << http_get(cluster.port(i), "/metrics").body;
        const auto checked = run_program({"sh", "-c", "promtool check metrics < '" + path + "'"});
        INFO(checked.out + checked.err);
        CHECK(checked.exit_code == 0);
        CHECK(checked.out.empty());
    }
    CHECK(owned == 6);  // the demo forum's sessions
}

TEST_CASE("a bad cluster config, or NATS not there, stops a node at start with a clear error", "[cluster]") {
    nats_server nats;
    temp_dir dir;
    auto config = demo_config();
    for (auto& hall : config["event"]["halls"]) hall["source"] = "none";
    for (const auto& [bad, why] : std::vector<std::pair<json, std::string>>{
             {{{"nats", "http://127.0.0.1:4222"}, {"node", "a"}, {"replicas", 1}}, "cluster.nats"},
             {{{"nats", nats.url()}, {"node", "a.b"}, {"replicas", 1}}, "cluster.node"},
             {{{"nats", nats.url()}, {"node", "a"}, {"replicas", 2}}, "cluster.replicas"},
             {{{"nats", nats.url()}, {"node", "a"}}, "cluster.replicas"},
             {{{"nats", nats.url() + ",nats://127.0.0.1:x"}, {"node", "a"}, {"replicas", 1}}, "cluster.nats"}}) {
        config["cluster"] = bad;
        const auto r = run_veche({"serve", "--config", write_config(dir, config), "--data", (dir / "data").string()});
        INFO(bad.dump() << " → " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(why) != std::string::npos);
    }
    // NATS not there: a clear error at start, not a node that acknowledges nothing.
    config["cluster"] = {{"nats", "nats://127.0.0.1:" + std::to_string(free_port())}, {"node", "a"}, {"replicas", 1}};
    const auto r = run_veche({"serve", "--config", write_config(dir, config), "--data", (dir / "data").string(),
                              "--listen", "127.0.0.1:0"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("cannot connect to NATS") != std::string::npos);
}

TEST_CASE("a node reaches NATS over TLS as a user and a wrong CA or name or password stops it with a clear error",
          "[cluster]") {
    temp_dir dir;
    const auto file = [&dir](const std::string& name) { return (dir / name).string(); };
    // A CA of the forum's own and a certificate it signed for the NATS server; another CA that signed nothing.
    const auto openssl = [](std::vector<std::string> args) {
        args.insert(args.begin(), "openssl");
        const auto r = run_program(args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    };
    const std::vector<std::string> ec{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"};
    for (const auto* ca : {"ca", "other-ca"}) {
        std::vector<std::string> args{"req", "-x509", "-days", "2", "-subj", std::string("/CN=veche test ") + ca,
                                      "-keyout", file(std::string(ca) + ".key"), "-out", file(std::string(ca) + ".pem")};
        args.insert(args.begin() + 2, ec.begin(), ec.end());
        openssl(args);
    }
    std::vector<std::string> request{"req", "-subj", "/CN=nats.test", "-keyout", file("nats.key"), "-out", file("nats.csr")};
    request.insert(request.begin() + 1, ec.begin(), ec.end());
    openssl(request);
    std::ofstream(file("san.ext")) << "subjectAltName=DNS:nats.test\n";
    openssl({"x509", "-req", "-in", file("nats.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial",
             "-days", "2", "-extfile", file("san.ext"), "-out", file("nats.pem")});
    const std::string password = "s3cret-nats-pass";
    nats_server nats({"--tls", "--tlscert", file("nats.pem"), "--tlskey", file("nats.key"), "--user", "veche", "--pass",
                      password});
    std::ofstream(file("password")) << password << "\n";
    std::ofstream(file("wrong-password")) << "not-the-password\n";

    auto config = demo_config();
    for (auto& hall : config["event"]["halls"]) hall["source"] = "none";
    const auto url = nats.url().replace(0, 4, "tls");  // nats://… → tls://…
    const json good{{"nats", url},          {"node", "a"},         {"replicas", 1},
                    {"tls_ca", file("ca.pem")}, {"tls_name", "nats.test"}, {"user", "veche"},
                    {"password_file", file("password")}};

    // Each fault stops the node at start, saying why, and never printing the password.
    for (const auto& [change, why] : std::vector<std::pair<json, std::string>>{
             {{{"tls_ca", file("other-ca.pem")}}, "cannot connect to NATS"},
             {{{"tls_name", "other.test"}}, "cannot connect to NATS"},
             {{{"password_file", file("wrong-password")}}, "cannot connect to NATS"},
             {{{"password_file", file("absent")}}, "cannot read the NATS password"},
             {{{"tls_ca", file("absent.pem")}}, "cannot load the NATS servers' CA"}}) {
        auto bad = good;
        bad.update(change);
        config["cluster"] = bad;
        const auto r = run_veche({"serve", "--config", write_config(dir, config), "--data", file("data-bad"),
                                  "--listen", "127.0.0.1:0"});
        INFO(change.dump() << " → " << r.out << r.err);
        CHECK(r.exit_code == 1);
        CHECK((r.out + r.err).find(why) != std::string::npos);
        CHECK((r.out + r.err).find(password) == std::string::npos);
    }
    // Plain NATS to a server that wants TLS: refused too.
    auto plain = good;
    plain["nats"] = nats.url();
    plain.erase("tls_ca");
    plain.erase("tls_name");
    config["cluster"] = plain;
    const auto refused = run_veche({"serve", "--config", write_config(dir, config), "--data", file("data-bad"),
                                    "--listen", "127.0.0.1:0"});
    CHECK(refused.exit_code == 1);

    // Right: the node connects, takes the sessions' leases and appends (its seed questions) over TLS.
    config["cluster"] = good;
    server_process node({"--config", write_config(dir, config), "--data", file("data")});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (metric(node.port(), "veche_cluster_sessions_owned").value_or(0) < 6 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(metric(node.port(), "veche_cluster_sessions_owned") == 6.0);
    CHECK(metric(node.port(), "veche_cluster_connected") == 1.0);
    CHECK(metric(node.port(), "veche_cluster_appends_total").value_or(0) > 0);
    CHECK(http_get(node.port(), "/healthz").json()["nats"] == "connected");
    CHECK(node.output().find(password) == std::string::npos);
}

TEST_CASE("a node whose NATS is gone still stops cleanly within its supervisor's stop timeout", "[cluster]") {
    nats_server nats;
    temp_dir dir;
    auto config = demo_config();
    for (auto& hall : config["event"]["halls"]) hall["source"] = "none";
    config["cluster"] = {{"nats", nats.url()}, {"node", "a"}, {"replicas", 1}};
    server_process node({"--config", write_config(dir, config), "--data", (dir / "data").string()});
    const auto until = [&node](const std::string& series, double value) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (metric(node.port(), series) != value && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return metric(node.port(), series) == value;
    };
    REQUIRE(until("veche_cluster_sessions_owned", 6.0));
    nats.stop(SIGKILL);
    REQUIRE(until("veche_cluster_connected", 0.0));
    // deploy/systemd gives a stop 15 s before SIGKILL. Each lease release and subscription drain used to wait
    // out its NATS timeout (16 s in all); the node must exit by itself, well within that.
    const auto r = node.stop(SIGTERM, nullptr, std::chrono::seconds(10));
    INFO(node.output());
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 0);
}
