// ingest.cpp — the writer thread and its queue (see ingest.hpp).
//
// Depends on: ingest.hpp.
#include "server/consent_log/ingest.hpp"

#include <vector>

namespace passerelle::consent_log {

Ingest::Ingest(Store& store) : store_(store), writer_([this] { run(); }) {}

Ingest::~Ingest() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

std::future<AppendResult> Ingest::submit(AppendRequest r) {
  Item item{std::move(r), {}};
  std::future<AppendResult> f = item.done.get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.size() >= kMaxQueue || stopping_) {
      item.done.set_value({AppendStatus::unavailable, 0, "the service is overloaded"});
      return f;
    }
    queue_.push_back(std::move(item));
  }
  wake_.notify_one();
  return f;
}

void Ingest::run() {
  while (true) {
    std::vector<Item> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<AppendRequest> requests;
    requests.reserve(batch.size());
    for (const Item& i : batch) requests.push_back(i.request);
    std::vector<AppendResult> results;
    try {
      results = append_batch(store_, requests);
    } catch (const std::exception& e) {  // not a StoreError: a bug; nothing was acknowledged
      results.assign(batch.size(), {AppendStatus::failed, 0, e.what()});
    }
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(std::move(results[i]));
  }
}

}  // namespace passerelle::consent_log
