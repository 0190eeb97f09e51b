#include "cluster/session_lease.hpp"

#include "cluster/startup_retry.hpp"

namespace veche::cluster {

session_lease::session_lease(nats_link& link, const std::string& bucket, int replicas) {
    kvConfig config;
    kvConfig_Init(&config);
    config.Bucket = bucket.c_str();
    config.History = 1;
    config.TTL = std::chrono::nanoseconds(ttl).count();
    config.StorageType = js_FileStorage;
    config.Replicas = replicas;
    kvStore* raw = nullptr;
    // Creating a bucket that exists with the same settings just binds to it.
    const auto s = retry_at_startup("creating the lease bucket " + bucket,
                                    [&] { return js_CreateKeyValue(&raw, link.jetstream(), &config); });
    if (s != NATS_OK) throw cluster_error("cannot create the lease bucket " + bucket + ": " + nats_error(s));
    bucket_.reset(raw);
}

std::optional<std::uint64_t> session_lease::acquire(const std::string& session, const std::string& node) {
    std::uint64_t revision = 0;
    if (kvStore_CreateString(&revision, bucket_.get(), session.c_str(), node.c_str()) == NATS_OK) return revision;
    // A released session keeps an empty value: free, taken with its revision.
    kvEntry* raw = nullptr;
    if (kvStore_Get(&raw, bucket_.get(), session.c_str()) != NATS_OK) return std::nullopt;
    nats_ptr<kvEntry> entry(raw);
    if (kvEntry_ValueLen(entry.get()) != 0) return std::nullopt;
    return renew(session, node, kvEntry_Revision(entry.get()));
}

std::optional<std::uint64_t> session_lease::renew(const std::string& session, const std::string& node,
                                                  std::uint64_t revision) {
    std::uint64_t next = 0;
    if (kvStore_UpdateString(&next, bucket_.get(), session.c_str(), node.c_str(), revision) != NATS_OK)
        return std::nullopt;
    return next;
}

void session_lease::release(const std::string& session, std::uint64_t revision) {
    // A delete that only applies when nobody wrote since: an empty value with the expected revision.
    std::uint64_t ignored = 0;
    kvStore_Update(&ignored, bucket_.get(), session.c_str(), "", 0, revision);
}

session_lease::state session_lease::read(const std::string& session) {
    kvEntry* raw = nullptr;
    const auto s = kvStore_Get(&raw, bucket_.get(), session.c_str());
    if (s == NATS_NOT_FOUND) return {true, std::nullopt, 0};
    if (s != NATS_OK) return {};
    nats_ptr<kvEntry> entry(raw);
    std::string node(kvEntry_ValueString(entry.get()), static_cast<std::size_t>(kvEntry_ValueLen(entry.get())));
    return {true, node.empty() ? std::nullopt : std::optional<std::string>(node), kvEntry_Revision(entry.get())};
}

}  // namespace veche::cluster
