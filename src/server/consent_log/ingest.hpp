// ingest.hpp — the one writer: proofs from any number of HTTP threads are queued, and a
// single thread appends them in batches, one transaction each (chain.hpp's append_batch).
//
// Why one writer: the chain is linear, so appends are serial anyway; batching lets one
// durable commit (one fsync) acknowledge many proofs, which is what keeps throughput up with
// synchronous=FULL.  Each caller waits for its own proof's result: nothing is acknowledged
// before its batch is committed.  A batch is whatever is queued when the writer is free, at
// most kMaxBatch proofs.
//
// Depends on: chain.hpp, store.hpp, the standard library (threads).
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "server/consent_log/chain.hpp"
#include "server/consent_log/store.hpp"

namespace passerelle::consent_log {

class Ingest {
 public:
  static constexpr std::size_t kMaxBatch = 256;
  static constexpr std::size_t kMaxQueue = 20000;  // beyond: unavailable at once (overload)

  explicit Ingest(Store& store);
  ~Ingest();  // finishes what is queued, then stops
  Ingest(const Ingest&) = delete;
  Ingest& operator=(const Ingest&) = delete;

  std::future<AppendResult> submit(AppendRequest r);

 private:
  struct Item {
    AppendRequest request;
    std::promise<AppendResult> done;
  };
  void run();

  Store& store_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace passerelle::consent_log
