#pragma once
// The processes of one run: a single process, or the ranks of an MPI job (`mpirun -n K ltv ...`,
// Debian's OpenMPI). MPI is joined only when the launcher's environment says so, so a plain run
// never starts MPI; a build without MPI refuses to run under mpirun rather than letting K copies
// each do all the work.
#include <string>
#include <vector>

namespace ltv {

class ProcessGroup {
 public:
  /// Joins the MPI job when launched by mpirun; throws std::runtime_error when launched by mpirun
  /// but built without MPI.
  ProcessGroup(int& argc, char**& argv);
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  /// Collective: every rank passes its text; rank 0 gets all of them in rank order, the others an
  /// empty list.
  std::vector<std::string> gather(const std::string& mine) const;

  /// Ends every rank at once after an error on one (a collective would otherwise wait forever).
  [[noreturn]] void abort(int status) const;

  /// Whether this binary can join an MPI job.
  static bool mpi_available();

 private:
  int rank_ = 0;
  int size_ = 1;
  bool joined_ = false;
};

}  // namespace ltv
