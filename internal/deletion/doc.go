// Package deletion owns full-deletion requests: organisers request that a
// person be erased from the partner; support staff or admins approve or
// reject them, and approved requests are carried out.
package deletion
