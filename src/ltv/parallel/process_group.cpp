// ProcessGroup (process_group.hpp): MPI when built with it (LTV_HAVE_MPI), else one process.
#include "ltv/parallel/process_group.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef LTV_HAVE_MPI
#include <mpi.h>
#endif

namespace ltv {
namespace {

/// Set by OpenMPI's, MPICH's and PMIx launchers in every rank they start.
bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v) != nullptr) return true;
  return false;
}

}  // namespace

bool ProcessGroup::mpi_available() {
#ifdef LTV_HAVE_MPI
  return true;
#else
  return false;
#endif
}

ProcessGroup::ProcessGroup(int& argc, char**& argv) {
  if (!launched_by_mpirun()) return;
#ifdef LTV_HAVE_MPI
  MPI_Init(&argc, &argv);
  joined_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  (void)argc;
  (void)argv;
  throw std::runtime_error(
      "launched by mpirun, but this ltv was built without MPI (install libopenmpi-dev and rebuild)");
#endif
}

ProcessGroup::~ProcessGroup() {
#ifdef LTV_HAVE_MPI
  if (joined_) MPI_Finalize();
#endif
}

std::vector<std::string> ProcessGroup::gather(const std::string& mine) const {
  if (size_ == 1) return {mine};
#ifdef LTV_HAVE_MPI
  int length = static_cast<int>(mine.size());
  std::vector<int> lengths(rank_ == 0 ? size_ : 0), offsets(rank_ == 0 ? size_ : 0);
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string all;
  if (rank_ == 0) {
    long total = 0;
    for (int r = 0; r < size_; ++r) {
      offsets[r] = static_cast<int>(total);
      total += lengths[r];
    }
    if (total > 2'000'000'000L) throw std::runtime_error("ProcessGroup::gather: more than 2 GB to gather");
    all.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0,
              MPI_COMM_WORLD);
  std::vector<std::string> out;
  for (int r = 0; r < (rank_ == 0 ? size_ : 0); ++r) out.push_back(all.substr(offsets[r], lengths[r]));
  return out;
#else
  return {mine};
#endif
}

void ProcessGroup::abort(int status) const {
#ifdef LTV_HAVE_MPI
  if (joined_) MPI_Abort(MPI_COMM_WORLD, status);
#endif
  std::exit(status);
}

}  // namespace ltv
