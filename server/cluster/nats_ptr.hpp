#pragma once
// Owning pointers for the objects of the NATS C client, so every early
// return frees what it got.

#include <nats/nats.h>

#include <memory>
#include <string>

namespace veche::cluster {

struct nats_deleter {
    void operator()(natsConnection* p) const { natsConnection_Destroy(p); }
    void operator()(natsOptions* p) const { natsOptions_Destroy(p); }
    void operator()(jsCtx* p) const { jsCtx_Destroy(p); }
    void operator()(natsMsg* p) const { natsMsg_Destroy(p); }
    void operator()(natsSubscription* p) const { natsSubscription_Destroy(p); }
    void operator()(jsPubAck* p) const { jsPubAck_Destroy(p); }
    void operator()(jsStreamInfo* p) const { jsStreamInfo_Destroy(p); }
    void operator()(kvStore* p) const { kvStore_Destroy(p); }
    void operator()(kvEntry* p) const { kvEntry_Destroy(p); }
    void operator()(jsMsgMetaData* p) const { jsMsgMetaData_Destroy(p); }
};

template <typename T>
using nats_ptr = std::unique_ptr<T, nats_deleter>;

// The status and the client's last error text, for a log line.
inline std::string nats_error(natsStatus s) {
    std::string text = natsStatus_GetText(s);
    if (const char* last = nats_GetLastError(nullptr); last && *last) text += std::string(": ") + last;
    return text;
}

}  // namespace veche::cluster
