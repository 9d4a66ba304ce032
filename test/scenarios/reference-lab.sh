# The ground-truth reference's lab, rebuilt with its identifiers (see ../shared/reference, section 11).
. admin-openrc
openstack network create --share --external --provider-physical-network provider --provider-network-type flat provider --id 8b868082-e312-4110-8627-298109d4401c
openstack subnet create --network provider --allocation-pool start=203.0.113.101,end=203.0.113.250 --dns-nameserver 8.8.4.4 --gateway 203.0.113.1 --subnet-range 203.0.113.0/24 --no-dhcp provider
openstack network create selfservice --provider-network-type vxlan --provider-segment 101 --id 8fbc13ca-cfe0-4b8a-993b-e33f37ba66d1
openstack subnet create --network selfservice --dns-nameserver 8.8.4.4 --gateway 192.0.2.1 --subnet-range 192.0.2.0/24 selfservice --id 3482f524-8bff-4871-80d4-5774c2730728
openstack router create router --id 17db2a15-e024-46d0-9250-4cd4d336a2cc
openstack port create --network selfservice --id da3504ad-bac1-4f6a-9d3e-1f5b2c7d8e90 --mac-address fa:16:3e:21:95:37 --fixed-ip subnet=selfservice,ip-address=192.0.2.1 router-port
openstack router add port router router-port
openstack router set router --external-gateway provider --fixed-ip subnet=provider,ip-address=203.0.113.13
openstack port create --network selfservice --id 2b7cbb3e-9e4d-4c1a-8f2b-6a7d9e0c1b23 --mac-address fa:16:3e:5c:53:9d --fixed-ip subnet=selfservice,ip-address=192.0.2.4 vm-port
openstack server create --flavor m1.nano --image cirros --nic port-id=vm-port --availability-zone nova:compute1 selfservice-instance
openstack floating ip create provider --floating-ip-address 203.0.113.16 --id 22a1b088-5c9b-43b4-97f3-970ce5df77f2
openstack server add floating ip selfservice-instance 203.0.113.16
